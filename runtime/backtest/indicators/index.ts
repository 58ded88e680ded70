export { rollingStd } from "../../stats/rolling.js";
export { ema, momentum, rollingMax, rollingMin, sma } from "./rolling.js";
