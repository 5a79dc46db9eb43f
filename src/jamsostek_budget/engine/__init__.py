"""The engine: a scenario and a rate table in, a Budget of integer Rupiah out. Pure: reads no file,
formats nothing."""
