export { register } from "../floor/instrumentation";
