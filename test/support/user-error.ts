import { isUserError, type UserError } from "../../runtime/core/errors.js";

/** The UserError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function userError(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}
