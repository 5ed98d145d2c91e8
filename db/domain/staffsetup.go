package domain

import (
	"time"
)

// StaffSetupValidity is how long a printed staff setup link works.
const StaffSetupValidity = time.Hour
