package sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// dumpVersion is the version of the Dump format.
const dumpVersion = 1

// Date layouts used in responses (spec §4.8: zone-less, `T` form).
const (
	layoutDate     = "2006-01-02T15:04:05"
	layoutDateFrac = "2006-01-02T15:04:05.999" // entitlement startDate: 0–3 fraction digits
)

// Entitlement and configuration states (spec §6).
const (
	statusActive   = "ACTIVE"
	statusDisabled = "DISABLED"
	statusPending  = "PENDING"
	statusStopped  = "STOPPED"
	statusExpired  = "EXPIRED"
	tokenUsed      = "USED"
	tokenNotUsed   = "NOTUSED"
)

// state is everything a FortiFlex organisation holds. It is what Dump writes;
// OAuth sessions and request counters are deliberately not part of it.
type state struct {
	Seed         string         `json:"seed"`
	Accounts     []*account     `json:"accounts"`
	Programs     []*program     `json:"programs"`
	Configs      []*config      `json:"configs"`
	Entitlements []*entitlement `json:"entitlements"`
	// NextConfigID is the id the next configs/create will use (ids are
	// global and increasing, spec §8).
	NextConfigID int64 `json:"nextConfigId"`
	// NextSerial is the last sequence number used per serial prefix.
	NextSerial map[string]int `json:"nextSerial"`
	// ClockOffset is the /_sim/clock offset on top of Options.Now
	// (nanoseconds in the dump).
	ClockOffset time.Duration `json:"clockOffsetNs"`
	// AccruedThrough is the last whole simulated day (UTC) whose points have
	// been charged and whose expiries have been applied (see tick).
	AccruedThrough day `json:"accruedThrough"`

	// Indexes, not dumped: rebuilt by reindex (seed, Load) and kept up to
	// date by the mutators in index.go.
	bySerial   map[string]*entitlement
	byToken    map[string]*entitlement
	byConfig   map[int64][]*entitlement
	configByID map[int64]*config
}

type account struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Root marks the organisation's root account (programs are registered
	// there; the others are tenants).
	Root bool `json:"root"`
}

type program struct {
	SerialNumber       string    `json:"serialNumber"`
	AccountID          int64     `json:"accountId"`
	StartDate          time.Time `json:"startDate"`
	EndDate            time.Time `json:"endDate"`
	HasSupportCoverage bool      `json:"hasSupportCoverage"`
	Prepaid            bool      `json:"prepaid"`
	PointBalance       float64   `json:"pointBalance"`
}

type productType struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type param struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

type config struct {
	ID                  int64       `json:"id"`
	Name                string      `json:"name"`
	ProgramSerialNumber string      `json:"programSerialNumber"`
	AccountID           int64       `json:"accountId"`
	Status              string      `json:"status"`
	ProductType         productType `json:"productType"`
	Parameters          []param     `json:"parameters"`
}

type entitlement struct {
	SerialNumber string    `json:"serialNumber"`
	AccountID    int64     `json:"accountId"`
	ConfigID     int64     `json:"configId"`
	Description  string    `json:"description"`
	StartDate    time.Time `json:"startDate"`
	EndDate      time.Time `json:"endDate"`
	Status       string    `json:"status"`
	Token        string    `json:"token,omitempty"`       // VM only
	TokenStatus  string    `json:"tokenStatus,omitempty"` // VM only
	FolderPath   string    `json:"folderPath"`            // not returned by the API (spec §4.5)
	// Usage is the history of charged points, as runs of consecutive days
	// at one daily rate (see tick).
	Usage []usageRun `json:"usage,omitempty"`
	// ActiveToday records that the entitlement was ACTIVE at some moment of
	// the current (not yet charged) day: the day is charged even if it is
	// stopped before the day ends (spec §6.2: stopping takes effect the next
	// day). Always true while the status is ACTIVE.
	ActiveToday bool `json:"activeToday,omitempty"`
}

// --- look-ups (call with s.mu held) ---

func (st *state) program(serial string) *program {
	for _, p := range st.Programs {
		if p.SerialNumber == serial {
			return p
		}
	}
	return nil
}

func (st *state) account(id int64) *account {
	for _, a := range st.Accounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (st *state) config(id int64) *config {
	if st.configByID != nil {
		return st.configByID[id]
	}
	for _, c := range st.Configs {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// --- wire views (what the API returns) ---

type programView struct {
	SerialNumber       string `json:"serialNumber"`
	AccountID          int64  `json:"accountId"`
	StartDate          string `json:"startDate"`
	EndDate            string `json:"endDate"`
	HasSupportCoverage bool   `json:"hasSupportCoverage"`
}

func (p *program) view() programView {
	return programView{
		SerialNumber:       p.SerialNumber,
		AccountID:          p.AccountID,
		StartDate:          p.StartDate.Format(layoutDate),
		EndDate:            p.EndDate.Format(layoutDate),
		HasSupportCoverage: p.HasSupportCoverage,
	}
}

type programBalanceView struct {
	AccountID    int64   `json:"accountId"`
	SerialNumber string  `json:"serialNumber"`
	PointBalance float64 `json:"pointBalance"`
}

func (c *config) view() config {
	v := *c
	v.Parameters = append([]param(nil), c.Parameters...)
	return v
}

type entitlementView struct {
	SerialNumber string  `json:"serialNumber"`
	AccountID    int64   `json:"accountId"`
	ConfigID     int64   `json:"configId"`
	Description  string  `json:"description"`
	StartDate    string  `json:"startDate"`
	EndDate      string  `json:"endDate"`
	Status       string  `json:"status"`
	Token        *string `json:"token"`
	TokenStatus  *string `json:"tokenStatus"`
}

func (e *entitlement) view() entitlementView {
	v := entitlementView{
		SerialNumber: e.SerialNumber,
		AccountID:    e.AccountID,
		ConfigID:     e.ConfigID,
		Description:  e.Description,
		StartDate:    e.StartDate.Format(layoutDateFrac),
		EndDate:      e.EndDate.Format(layoutDate),
		Status:       e.Status,
	}
	if e.Token != "" {
		t, ts := e.Token, e.TokenStatus
		v.Token, v.TokenStatus = &t, &ts
	}
	return v
}

// --- Dump / Load ---

type dumpFile struct {
	Version int    `json:"version"`
	State   *state `json:"state"`
}

// Dump returns the simulator state (accounts, programs and balances,
// configurations, entitlements with their points history, id and serial
// counters, the clock offset and the last charged day) as JSON. Sessions, users and counters are not
// included.
func (s *Server) Dump() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.ClockOffset = time.Duration(s.offset.Load())
	return json.MarshalIndent(dumpFile{Version: dumpVersion, State: s.st}, "", "  ")
}

// Load replaces the simulator state with one produced by Dump. Sessions and
// counters are kept.
func (s *Server) Load(data []byte) error {
	var f dumpFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("sim: load state: %w", err)
	}
	if f.Version != dumpVersion {
		return fmt.Errorf("sim: load state: unsupported version %d (want %d)", f.Version, dumpVersion)
	}
	if f.State == nil {
		return errors.New("sim: load state: no state")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// An old dump without accruedThrough starts charging from today on.
	today := dayOf(s.opts.Now().Add(f.State.ClockOffset))
	if err := f.State.validate(today); err != nil {
		return fmt.Errorf("sim: load state: %w", err)
	}
	s.st = f.State
	s.offset.Store(int64(f.State.ClockOffset))
	return nil
}

func (st *state) validate(today day) error {
	if st.NextSerial == nil {
		st.NextSerial = map[string]int{}
	}
	if st.AccruedThrough == 0 {
		st.AccruedThrough = today - 1
	}
	for _, x := range st.Accounts {
		if x == nil {
			return errors.New("null account")
		}
	}
	for _, p := range st.Programs {
		if p == nil {
			return errors.New("null program")
		}
		if st.account(p.AccountID) == nil {
			return fmt.Errorf("program %s: unknown account %d", p.SerialNumber, p.AccountID)
		}
	}
	for _, c := range st.Configs {
		if c == nil {
			return errors.New("null configuration")
		}
		if st.program(c.ProgramSerialNumber) == nil {
			return fmt.Errorf("configuration %d: unknown program %s", c.ID, c.ProgramSerialNumber)
		}
		if c.ID >= st.NextConfigID {
			st.NextConfigID = c.ID + 1
		}
	}
	st.configByID = nil
	seenConfig := map[int64]bool{}
	for _, c := range st.Configs {
		if seenConfig[c.ID] {
			return fmt.Errorf("configuration %d: duplicate id", c.ID)
		}
		seenConfig[c.ID] = true
	}
	seen := map[string]bool{}
	for _, e := range st.Entitlements {
		if e == nil {
			return errors.New("null entitlement")
		}
		if seen[e.SerialNumber] {
			return fmt.Errorf("entitlement %s: duplicate serial number", e.SerialNumber)
		}
		seen[e.SerialNumber] = true
	}
	st.reindex()
	for _, e := range st.Entitlements {
		if st.config(e.ConfigID) == nil {
			return fmt.Errorf("entitlement %s: unknown configuration %d", e.SerialNumber, e.ConfigID)
		}
	}
	return nil
}

// rawJSON is a payload that is already encoded; writeEnvelope writes it
// verbatim.
type rawJSON []byte

// appendJSON appends json.Marshal(e.view()) to b, byte for byte, without the
// reflection and per-field allocations (entitlements/list on a
// configuration with 10,000 entitlements).
func (e *entitlement) appendJSON(b []byte) []byte {
	b = append(b, `{"serialNumber":`...)
	b = appendJSONString(b, e.SerialNumber)
	b = append(b, `,"accountId":`...)
	b = strconv.AppendInt(b, e.AccountID, 10)
	b = append(b, `,"configId":`...)
	b = strconv.AppendInt(b, e.ConfigID, 10)
	b = append(b, `,"description":`...)
	b = appendJSONString(b, e.Description)
	b = append(b, `,"startDate":"`...)
	b = e.StartDate.AppendFormat(b, layoutDateFrac)
	b = append(b, `","endDate":"`...)
	b = e.EndDate.AppendFormat(b, layoutDate)
	b = append(b, `","status":`...)
	b = appendJSONString(b, e.Status)
	if e.Token != "" {
		b = append(b, `,"token":`...)
		b = appendJSONString(b, e.Token)
		b = append(b, `,"tokenStatus":`...)
		b = appendJSONString(b, e.TokenStatus)
	} else {
		b = append(b, `,"token":null,"tokenStatus":null`...)
	}
	return append(b, '}')
}

// appendJSONString appends s as encoding/json would write it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // rare: let encoding/json escape it
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
