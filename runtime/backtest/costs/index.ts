export { type CostMarket, type CostModel, createCostModel } from "./cost-model.js";
export { laggedAverageVolume, laggedVolatility } from "./rolling-market-stats.js";
