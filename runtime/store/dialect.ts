/** The two database engines the tracking store runs on. */
export type StoreDialect = "sqlite" | "postgres";
