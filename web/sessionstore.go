package web

import (
	"bytes"
	"encoding/gob"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// Session value keys. Those starting with "_" live only for the request and
// are never written to the database.
const (
	keyUserID   = "uid"
	keyCSRF     = "csrf"
	keyFlash    = "flash"
	keyLang     = "lang" // the language chosen with the switch, for this browser session
	keyUser     = "_user"
	keyLastSeen = "_seen"
	keyEnded    = "_ended" // the request's session cookie named a session that has ended
)

// dbStore is a gorilla sessions.Store that keeps sessions as rows in SQLite.
// The cookie carries only a signed random token.
type dbStore struct {
	db     *db.DB
	codec  securecookie.Codec
	policy SessionPolicy
	secure bool
	name   string
}

func newDBStore(store *db.DB, key []byte, policy SessionPolicy, secure bool) *dbStore {
	codec := securecookie.New(key, nil)
	codec.MaxAge(int(max(policy.StaffMax, policy.ApplicantMax, policy.VisitorAbsolute) / time.Second))
	name := "ccf_session"
	if secure {
		// The __Host- prefix makes browsers refuse the cookie unless it is
		// Secure, host-only and for the whole site.
		name = "__Host-ccf_session"
	}
	return &dbStore{db: store, codec: codec, policy: policy, secure: secure, name: name}
}

func (s *dbStore) options() *sessions.Options {
	// No MaxAge: the cookie ends with the browser, which matters on shared
	// or seized computers; the server enforces idle and absolute limits.
	return &sessions.Options{Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode}
}

// Get returns the request's session, cached for the request.
func (s *dbStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named by the cookie, or returns a fresh, unsaved
// one when there is no valid, live session.
func (s *dbStore) New(r *http.Request, name string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	sess.Options = s.options()
	sess.IsNew = true
	cookie, err := r.Cookie(name)
	if err != nil {
		return sess, nil
	}
	var token string
	if err := s.codec.Decode(name, cookie.Value, &token); err != nil {
		return sess, nil
	}
	row, err := s.db.SessionByToken(r.Context(), token)
	if domain.ErrorCode(err) == domain.ENotFound {
		sess.Values[keyEnded] = true
		return sess, nil
	} else if err != nil {
		return sess, err
	}
	user, err := s.sessionUser(r, row)
	if err != nil {
		return sess, err
	}
	if s.db.Clock.Now().Sub(row.LastSeenAt) > s.policy.idle(user) || (row.UserID != 0 && user == nil) {
		sess.Values[keyEnded] = true
		return sess, s.db.DeleteSession(r.Context(), token)
	}
	if len(row.Data) > 0 {
		if err := gob.NewDecoder(bytes.NewReader(row.Data)).Decode(&sess.Values); err != nil {
			return sess, domain.Internal(err)
		}
	}
	sess.ID, sess.IsNew = token, false
	sess.Values[keyUserID], sess.Values[keyCSRF] = row.UserID, row.CSRFToken
	sess.Values[keyUser], sess.Values[keyLastSeen] = user, row.LastSeenAt
	return sess, nil
}

func (s *dbStore) sessionUser(r *http.Request, row accounts.Session) (*domain.User, error) {
	if row.UserID == 0 {
		return nil, nil
	}
	u, err := s.db.UserByID(r.Context(), row.UserID)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// Save writes the session row (creating it, with a new random token, when
// the session has no id yet) and sets the cookie. MaxAge < 0 deletes both.
func (s *dbStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	if sess.Options.MaxAge < 0 {
		if sess.ID != "" {
			if err := s.db.DeleteSession(r.Context(), sess.ID); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", sess.Options))
		return nil
	}
	row, err := s.row(sess)
	if err != nil {
		return err
	}
	if sess.ID == "" {
		row.Token = RandomToken(32)
		row.CreatedAt = row.LastSeenAt
		user, _ := sess.Values[keyUser].(*domain.User)
		row.ExpiresAt = row.LastSeenAt.Add(s.policy.absolute(user))
		if err := s.db.CreateSession(r.Context(), row); err != nil {
			return err
		}
		sess.ID = row.Token
	} else if err := s.db.UpdateSession(r.Context(), row); err != nil {
		return err
	}
	sess.Values[keyLastSeen] = row.LastSeenAt
	encoded, err := s.codec.Encode(sess.Name(), sess.ID)
	if err != nil {
		return domain.Internal(err)
	}
	http.SetCookie(w, sessions.NewCookie(sess.Name(), encoded, sess.Options))
	return nil
}

// row turns the session into its database form; request-only values stay out.
func (s *dbStore) row(sess *sessions.Session) (accounts.Session, error) {
	row := accounts.Session{Token: sess.ID, LastSeenAt: s.db.Clock.Now()}
	row.UserID, _ = sess.Values[keyUserID].(int64)
	row.CSRFToken, _ = sess.Values[keyCSRF].(string)
	rest := map[any]any{}
	for k, v := range sess.Values {
		if name, ok := k.(string); ok && (name == keyUserID || name == keyCSRF || name[0] == '_') {
			continue
		}
		rest[k] = v
	}
	if len(rest) == 0 {
		return row, nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(rest); err != nil {
		return row, domain.Internal(err)
	}
	row.Data = buf.Bytes()
	return row, nil
}
