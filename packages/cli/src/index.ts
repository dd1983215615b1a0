export { main } from "./main.js";
export type { Command } from "./command.js";
export type { Io } from "./io.js";
