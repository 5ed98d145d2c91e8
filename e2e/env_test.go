package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// requiredEnv makes the suite mandatory: a missing browser or axe-core is a
// failure, not a skip. CI sets it.
const requiredEnv = "CCF_E2E_REQUIRED"

// The browsers the suite looks for on PATH, in order, unless CCF_CHROMIUM
// names one.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// axePath is axe-core's browser build, installed by npm ci at the
// repository root from package-lock.json.
var axePath = filepath.Join("..", "node_modules", "axe-core", "axe.min.js")

// tools is what the suite needs from the machine, looked up once.
type tools struct {
	browser string // path of the Chromium executable
	axe     string // axe.min.js source
	missing []string
}

var (
	toolsOnce sync.Once
	found     tools
)

func lookupTools() tools {
	toolsOnce.Do(func() {
		if p := os.Getenv("CCF_CHROMIUM"); p != "" {
			if _, err := exec.LookPath(p); err != nil {
				found.missing = append(found.missing, fmt.Sprintf("CCF_CHROMIUM=%s is not an executable (%v)", p, err))
			} else {
				found.browser = p
			}
		} else {
			for _, name := range browserNames {
				if p, err := exec.LookPath(name); err == nil {
					found.browser = p
					break
				}
			}
			if found.browser == "" {
				found.missing = append(found.missing, fmt.Sprintf(
					"no Chromium on PATH (looked for %s): install it with `apt-get install chromium`, or set CCF_CHROMIUM",
					strings.Join(browserNames, ", ")))
			}
		}
		src, err := os.ReadFile(axePath)
		if err != nil {
			abs, _ := filepath.Abs(axePath)
			found.missing = append(found.missing, fmt.Sprintf("no axe-core at %s: run `npm ci` at the repository root", abs))
		} else {
			found.axe = string(src)
		}
	})
	return found
}

// requireTools skips the test when the browser or axe-core is missing, or
// fails it when CCF_E2E_REQUIRED=1 says the suite must run.
func requireTools(t *testing.T) tools {
	t.Helper()
	tl := lookupTools()
	required := os.Getenv(requiredEnv) == "1"
	if len(tl.missing) > 0 {
		why := strings.Join(tl.missing, "; ")
		if required {
			t.Fatalf("browser suite cannot run, and %s=1 makes it mandatory: %s", requiredEnv, why)
		}
		t.Skipf("browser suite SKIPPED: %s (set %s=1 to make this a failure)", why, requiredEnv)
	}
	if testing.Short() && !required {
		t.Skip("browser suite SKIPPED in -short mode")
	}
	return tl
}

// screenshotRoot is where the screenshots of every run go: $CCF_SCREENSHOTS,
// or ccf-e2e-screenshots in the temporary folder. It outlives the test so
// that people can look at the pages afterwards.
func screenshotRoot() string {
	if d := os.Getenv("CCF_SCREENSHOTS"); d != "" {
		if abs, err := filepath.Abs(d); err == nil {
			return abs
		}
		return d
	}
	return filepath.Join(os.TempDir(), "ccf-e2e-screenshots")
}

// TestBrowserTools says which browser and axe-core the suite uses, or why
// it skips: `go test -run TestBrowserTools -v ./e2e/` answers in a second.
func TestBrowserTools(t *testing.T) {
	tl := requireTools(t)
	abs, _ := filepath.Abs(axePath)
	t.Logf("browser suite runs with %s and %s", tl.browser, abs)
}
