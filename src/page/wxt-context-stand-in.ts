/**
 * Stands in for WXT's ContentScriptContext in the content script's build
 * (wxt.config.ts): WXT builds one to pass to `main`, and building it
 * dispatches an event named after the extension id on the page's document
 * (and listens for the page to dispatch it back, to end the script). Ours is
 * src/page/context.ts; `main` gets this inert object and does not use it.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: object,
  ) {}
}
