"""From files to the graph: read → validate → normalise → resolve → write in batches."""

from partnergraph.ingest.csv_source import Dataset, read_dataset
from partnergraph.ingest.loader import LoadReport, load_dataset, load_directory

__all__ = ["Dataset", "LoadReport", "load_dataset", "load_directory", "read_dataset"]
