/** The same object type with its `readonly` fields writable (for views a loop updates in place). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
