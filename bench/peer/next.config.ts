// Built and started like the floor, from this folder with the repository's packages (and its own, bench/peer/node_modules).
export { default } from "../floor/next.config";
