package blob

import (
	"errors"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// inspect reads a staged file back through the decrypting reader and
// applies filetype.Inspect: the checks that need the whole file, or
// random access to it (a zip's central directory, a PDF's cross-reference
// data), which the stream could not give. It runs in Stage, so every
// upload and every copy is inspected once, before any row can refer to it.
// The confirmed type, page count and warnings are recorded on b.
func (s *Store) inspect(b *Staged, ft filetype.Type) error {
	r, err := s.openPlaintext(b.tmpPath)
	if err != nil {
		return err
	}
	defer r.Close()
	rep, err := filetype.Inspect(r, r.Size(), ft)
	if err != nil {
		return refused(err)
	}
	b.ContentType = rep.Type.MIME
	b.Inspection = rep
	return nil
}

// refused makes a filetype refusal the coded error the pages show beside
// the file input; anything else (a read failing) is internal.
func refused(err error) error {
	var refusal *filetype.Refusal
	if errors.As(err, &refusal) {
		return domain.Errorf(domain.EInvalid, refusal.Key, refusal.Args...)
	}
	return domain.Internal(err)
}
