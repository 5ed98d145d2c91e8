package filetype

// Refusal is why a file is not accepted: a message key of the catalogue
// that tells the person what to upload instead, and its arguments. The
// blob store turns it into the application's coded error.
type Refusal struct {
	Key  string
	Args []any
}

func (r *Refusal) Error() string { return "filetype: refused: " + r.Key }

func refuse(key string, args ...any) *Refusal { return &Refusal{Key: key, Args: args} }
