package hardwareentitlements

// SetCreateBatch makes registrations carry n serial numbers per request
// until the returned function is called.
func SetCreateBatch(n int) (restore func()) {
	old := createBatch
	createBatch = n
	return func() { createBatch = old }
}
