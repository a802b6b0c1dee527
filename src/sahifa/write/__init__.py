"""Write: Parquet shards per config and split, the dataset card and the datasheet."""
