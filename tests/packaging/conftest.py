"""The packaged app (tests/packaging): the spec and the entry point always; the built bundle, used as a person would,
with HANYEONG_PACKAGE_TEST=1 after `make package` (`make package-test`)."""
