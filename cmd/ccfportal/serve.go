package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	consultrules "github.com/ccf-portal/ccfportal/db/domain/consult"
	deadlinerules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	paperrules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/domain/retention"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/web"
)

// serveConfig is everything `serve` reads from flags and environment.
type serveConfig struct {
	storeFlags
	ops       opsFlags
	addr      string
	https     bool
	publicURL string
	maxUpload int64
	minFree   int64
	hashMiB   int64
	limits    domain.Limits
	statsMin  int64
	replyDays int64
	// admissibilityMonths is how long after receipt admissibility is due.
	admissibilityMonths int64
	// inviteDays is how long an invitation to follow an imported case lasts.
	inviteDays int64
	// digestHour is the UTC hour from which the secretariat's daily
	// digest is sent.
	digestHour int64
	guide      guideFlags
	mail       mailFlags
}

func parseServeFlags(args []string, stderr io.Writer) (serveConfig, error) {
	var cfg serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.register(fs)
	fs.StringVar(&cfg.addr, "addr", env("CCF_ADDR", "127.0.0.1:8080"), "address to listen on (env CCF_ADDR)")
	fs.BoolVar(&cfg.https, "https", envBool("CCF_HTTPS", false),
		"the portal is reached over HTTPS: Secure cookies and HSTS (env CCF_HTTPS)")
	fs.StringVar(&cfg.publicURL, "public-url", env("CCF_PUBLIC_URL", ""),
		"the address people use to reach the portal, for printed links (env CCF_PUBLIC_URL)")
	fs.Int64Var(&cfg.maxUpload, "max-upload-mb", envInt("CCF_MAX_UPLOAD_MB", 25),
		"largest file accepted per upload, in MB (env CCF_MAX_UPLOAD_MB)")
	fs.Int64Var(&cfg.minFree, "min-free-mb", envInt("CCF_MIN_FREE_MB", 500),
		"free space the data folder needs for /readyz to answer 200, in MB (env CCF_MIN_FREE_MB)")
	fs.Int64Var(&cfg.hashMiB, "password-memory-mb", envInt("CCF_PASSWORD_MEMORY_MB", password.DefaultMemoryBudget/1024),
		"memory all password checks running at once may take, in MiB; each takes 64 (env CCF_PASSWORD_MEMORY_MB)")
	fs.IntVar(&cfg.limits.MaxAppendices, "max-appendices", int(envInt("CCF_MAX_APPENDICES", int64(domain.DefaultLimits.MaxAppendices))),
		"appendices beyond which a deletion or correction request is warned, as the CCF asks (env CCF_MAX_APPENDICES)")
	fs.IntVar(&cfg.limits.MaxSummaryPages, "max-summary-pages", int(envInt("CCF_MAX_SUMMARY_PAGES", int64(domain.DefaultLimits.MaxSummaryPages))),
		"pages of a summary of arguments beyond which the request is warned (env CCF_MAX_SUMMARY_PAGES)")
	fs.Int64Var(&cfg.statsMin, "stats-threshold", envInt("CCF_STATS_THRESHOLD", 5),
		"smallest count the public statistics show as it is; smaller ones read \"fewer than N\" (env CCF_STATS_THRESHOLD)")
	fs.Int64Var(&cfg.replyDays, "consultation-reply-days", envInt("CCF_CONSULTATION_REPLY_DAYS", consultrules.DefaultReplyDays),
		"default time for a reply to a consultation, in days after it was sent; staff can change it per consultation (env CCF_CONSULTATION_REPLY_DAYS)")
	fs.IntVar(&cfg.limits.DraftDays, "draft-retention-days", int(envInt("CCF_DRAFT_RETENTION_DAYS", retention.DefaultDays)),
		"days a draft never sent is kept after its last change; its filer is warned 14 days before; 0 keeps drafts (env CCF_DRAFT_RETENTION_DAYS)")
	fs.Int64Var(&cfg.admissibilityMonths, "admissibility-months", envInt("CCF_ADMISSIBILITY_MONTHS", deadlinerules.DefaultAdmissibilityMonths),
		"months after receipt by which the CCF usually assesses admissibility (practice): the queue flags those past it (env CCF_ADMISSIBILITY_MONTHS)")
	fs.Int64Var(&cfg.inviteDays, "invitation-days", envInt("CCF_INVITATION_DAYS", paperrules.DefaultValidDays),
		"days an invitation code to follow a case received by e-mail or post stays valid (env CCF_INVITATION_DAYS)")
	fs.Int64Var(&cfg.digestHour, "digest-hour", envInt("CCF_DIGEST_HOUR", 7),
		"UTC hour (0-23) from which each secretariat member is e-mailed the day's digest of counts (env CCF_DIGEST_HOUR)")
	cfg.ops.register(fs)
	cfg.guide.register(fs)
	cfg.mail.register(fs)
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if err := cfg.ops.check(); err != nil {
		return cfg, err
	}
	if cfg.limits.DraftDays < 0 || (cfg.limits.DraftDays > 0 && cfg.limits.DraftDays <= retention.WarnDays) {
		return cfg, fmt.Errorf("-draft-retention-days must be 0 (keep drafts) or more than %d, not %d", retention.WarnDays, cfg.limits.DraftDays)
	}
	if cfg.digestHour < 0 || cfg.digestHour > 23 {
		return cfg, fmt.Errorf("-digest-hour must be from 0 to 23, not %d", cfg.digestHour)
	}
	if err := cfg.guide.check(); err != nil {
		return cfg, err
	}
	if err := cfg.mail.check(); err != nil {
		return cfg, err
	}
	cfg.maxUpload *= 1_000_000
	cfg.minFree *= 1_000_000
	return cfg, nil
}

// serve runs the portal until ctx ends, then lets in-flight requests finish
// (for at most -shutdown-timeout; those still running then are cut) and
// closes the database cleanly: checkpointed, so the WAL is empty.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	cfg, err := parseServeFlags(args, stderr)
	if err != nil {
		return err
	}
	logger := newLogger(cfg.ops.logFormat, stderr)
	// The few lines logged through the default logger take the same format.
	slog.SetDefault(logger)
	unlock, err := lockData(cfg.data)
	if err != nil {
		return err
	}
	defer unlock()
	if err := refuseDamagedStore(ctx, cfg.dbPath()); err != nil {
		return err
	}
	store, err := db.Open(ctx, cfg.dbPath(), domain.SystemClock{})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close database: %w", cerr)
		}
	}()
	secrets, err := loadServeSecrets(ctx, cfg.storeFlags, store)
	if err != nil {
		return err
	}
	if cfg.secretsInData() {
		// Paths only: they are the operator's, not anyone's personal data.
		logger.Warn("the secrets file is inside the data folder, so a copy of the folder holds the keys: "+
			"stop the portal and move it (with audit-anchor.log beside it), or pass -secrets",
			"secrets", cfg.secretsPath(), "move_to", cfg.defaultSecretsPath())
	}
	if sealed, err := store.UseKeys(ctx, secrets.EncryptionKey); err != nil {
		return fmt.Errorf("load the store's keys: %w", err)
	} else if sealed > 0 {
		logger.Info("second-factor secrets sealed", "count", sealed)
	}
	blobs, err := openBlobs(ctx, cfg.storeFlags, secrets, store, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	base := cfg.publicURL
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	password.SetMemoryBudget(cfg.hashMiB * 1024)
	setMemoryLimit(cfg.hashMiB, logger)
	srv := web.New(web.Config{Addr: cfg.addr, HTTPS: cfg.https, SessionKey: secrets.SessionKey,
		Passwords: password.DefaultParams, Sessions: web.DefaultSessionPolicy, Logger: logger,
		Blobs: blobs, MaxUpload: cfg.maxUpload, MaxConns: connectionLimit(cfg.ops, logger), DataDir: cfg.data,
		MinFreeDisk: cfg.minFree, Limits: cfg.limits, StatsThreshold: int(cfg.statsMin),
		ConsultReplyDays:    int(cfg.replyDays),
		AdmissibilityMonths: int(cfg.admissibilityMonths), InvitationDays: int(cfg.inviteDays),
		Contact: cfg.guide.contact(), ExitURL: cfg.guide.exitURL, PublicURL: base}, store)
	stopMetrics, err := serveMetrics(cfg.ops.metricsAddr, srv.MetricsHandler(), logger)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopMetrics()
	stopPprof, err := servePprof(cfg.ops.pprofAddr, logger)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopPprof()
	if err := printStaffSetupLink(ctx, store, base, stdout); err != nil {
		return err
	}
	stopSender, err := startSender(cfg.mail, cfg.data, store, logger, stdout)
	if err != nil {
		ln.Close()
		return err
	}
	// Deferred after the store's Close, so it runs first: no delivery is
	// left writing to a closed store.
	defer stopSender()
	defer startReminders(store, reminderConfig{portal: base, digestHour: int(cfg.digestHour),
		draftDays: cfg.limits.DraftDays, blobs: blobs, anchor: cfg.anchorPath()}, logger)()
	fmt.Fprintf(stdout, "CCF Portal is running at %s (data in %s). Press Ctrl+C to stop.\n", base, cfg.data)
	errs := make(chan error, 1)
	go func() { errs <- srv.Serve(ln) }()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "Shutting down: finishing requests in progress...")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ops.shutdownTimeout)
	defer cancel()
	var cut *web.CutError
	if err := srv.Shutdown(shutdownCtx); errors.As(err, &cut) {
		// Cut requests were never acknowledged; their uploads are gone.
		logger.Warn("shutdown deadline passed: requests still in progress were cut",
			slog.Duration("shutdown_timeout", cfg.ops.shutdownTimeout))
	} else if err != nil {
		return err
	}
	return <-errs
}

// refuseDamagedStore runs SQLite's quick check on the database before it is
// migrated or served: a damaged store is refused, never served, and the
// message says where to go next. The full check is `ccfportal check`.
func refuseDamagedStore(ctx context.Context, path string) error {
	err := conn.QuickCheck(ctx, path)
	if errors.Is(err, conn.ErrDamaged) {
		return fmt.Errorf("database %s failed its check at start and will not be used: %w\n"+
			"Stop here: run `ccfportal check` for a full report, then restore the latest backup "+
			"with `ccfportal restore` (see OPERATIONS.md)", path, err)
	}
	return err
}

// printStaffSetupLink prints a one-time link for creating the first staff
// account while none exists. It goes to the console, never to the log.
func printStaffSetupLink(ctx context.Context, store *db.DB, base string, stdout io.Writer) error {
	n, err := store.CountUsersByRole(ctx, domain.RoleStaff)
	if err != nil || n > 0 {
		return err
	}
	token := web.RandomToken(32)
	expires, err := store.CreateStaffSetupToken(ctx, token)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "No staff account exists yet. To create the first one, open this link (valid once, until %s):\n  %s/staff/setup/%s\n",
		expires.Format(time.RFC3339), base, token)
	return nil
}

// openBlobs opens the encrypted evidence store and clears what a crash may
// have left in it (see recoverEvidence). The caller holds the data folder's
// lock.
func openBlobs(ctx context.Context, sf storeFlags, secrets web.Secrets, store *db.DB, logger *slog.Logger) (*blob.Store, error) {
	blobs, err := blob.NewStore(sf.evidenceDir(), secrets.EncryptionKey)
	if err != nil {
		return nil, err
	}
	if err := recoverEvidence(ctx, store, blobs, logger); err != nil {
		return nil, err
	}
	return blobs, nil
}
