// Stands in for react-devtools-core in the bundled CLI: Ink imports it statically but only uses it when
// DEV=true, and shipping it would add megabytes and start-up time to every `npx hotlab`.
export default {
  initialize(): void {},
  connectToDevTools(): void {},
};
