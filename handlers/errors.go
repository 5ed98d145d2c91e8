package handlers

import (
	"errors"

	"github.com/ccf-portal/ccfportal/db"
)

func asAppError(err error, target **db.Error) bool { return errors.As(err, target) }
