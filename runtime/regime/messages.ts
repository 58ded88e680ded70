import { regimeMessages } from "../messages/regime.js";

/** The regime section of the message catalog (re-exported for short imports). */
export const messages = regimeMessages;
