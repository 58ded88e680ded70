import pl from "nodejs-polars";

/** A canonical frame as Parquet bytes (schema, Datetime(ms) included, survives the round trip). */
export function frameToParquet(frame: pl.DataFrame): Buffer {
  return frame.writeParquet({ compression: "zstd" });
}

export function parquetToFrame(bytes: Buffer): pl.DataFrame {
  return pl.readParquet(bytes);
}
