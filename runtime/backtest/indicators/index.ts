export { ema, momentum, rollingMax, rollingMin, rollingStd, sma } from "./rolling.js";
