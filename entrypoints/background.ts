export default defineBackground(() => {
  console.log('story lens background');
});
