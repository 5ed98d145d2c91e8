// Package seed fills a store with fictional demonstration cases, written
// in bulk through the store, for trying the portal and for benchmarks.
package seed
