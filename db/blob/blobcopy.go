package blob

import "math"

// Copy stages a new, independently encrypted copy of a stored blob, for a
// document that must live on in two places (an applicant record and a
// filing) without either removal touching the other.
func (s *Store) Copy(key, filename string) (*Staged, error) {
	src, err := s.Open(key)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return s.Stage(src, filename, math.MaxInt64)
}
