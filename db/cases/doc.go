// Package cases is the kernel of the case store that every room working on
// a request shares: reading a request, the one rule of who may see it,
// moving it through the status machine, the timeline, the staff
// transaction with its audit entry, and document rows. The rooms built on
// it (db and db/<room>) hold the steps of the procedure.
package cases
