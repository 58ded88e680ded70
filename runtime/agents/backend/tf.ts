/**
 * The one TensorFlow.js import of the agents domain. Everything else imports
 * `tf` from here so the backend chosen by `initBackend` applies everywhere.
 */
import * as tf from "@tensorflow/tfjs";

export { tf };
export type Tensor = tf.Tensor;
export type Variable = tf.Variable;
