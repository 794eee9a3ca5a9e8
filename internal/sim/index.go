package sim

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// day is a simulated calendar day: days since 1970-01-01 in UTC. Billing
// days are PST/PDT days on the real service (spec §9); the simulator uses
// UTC days of its clock, like the seed's dates. It is written as
// "YYYY-MM-DD" in dumps.
type day int64

const secondsPerDay = 24 * 60 * 60

func dayOf(t time.Time) day {
	u := t.Unix()
	d := u / secondsPerDay
	if u < 0 && u%secondsPerDay != 0 {
		d-- // floor
	}
	return day(d)
}

// time is the day's midnight, UTC.
func (d day) time() time.Time { return time.Unix(int64(d)*secondsPerDay, 0).UTC() }

func (d day) String() string { return d.time().Format("2006-01-02") }

func (d day) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

func (d *day) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("day: %w", err)
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return fmt.Errorf("day: %w", err)
	}
	*d = dayOf(t)
	return nil
}

// usageRun is a run of consecutive charged days [From, To] at one daily rate.
type usageRun struct {
	From  day     `json:"from"`
	To    day     `json:"to"`
	Daily float64 `json:"daily"`
}

// charge records the days [from, to] at daily points, merging with the
// previous run when it continues it at the same rate.
func (e *entitlement) charge(from, to day, daily float64) {
	if to < from {
		return
	}
	if n := len(e.Usage); n > 0 {
		last := &e.Usage[n-1]
		if last.To == from-1 && last.Daily == daily {
			last.To = to
			return
		}
	}
	e.Usage = append(e.Usage, usageRun{From: from, To: to, Daily: daily})
}

// pointsBetween sums the charged points of the days [from, to].
func (e *entitlement) pointsBetween(from, to day) float64 {
	var sum float64
	for _, r := range e.Usage {
		a, b := max(r.From, from), min(r.To, to)
		if a <= b {
			sum += float64(b-a+1) * r.Daily
		}
	}
	return sum
}

// --- indexes (call with s.mu held) ---

// reindex rebuilds the look-up maps from the slices.
func (st *state) reindex() {
	st.bySerial = make(map[string]*entitlement, len(st.Entitlements))
	st.byToken = make(map[string]*entitlement, len(st.Entitlements))
	st.byConfig = make(map[int64][]*entitlement, len(st.Configs))
	st.configByID = make(map[int64]*config, len(st.Configs))
	for _, c := range st.Configs {
		st.configByID[c.ID] = c
	}
	for _, e := range st.Entitlements {
		st.bySerial[e.SerialNumber] = e
		if e.Token != "" {
			st.byToken[e.Token] = e
		}
		st.byConfig[e.ConfigID] = append(st.byConfig[e.ConfigID], e)
	}
}

func (st *state) entitlement(serial string) *entitlement { return st.bySerial[serial] }

func (st *state) addConfig(c *config) {
	st.Configs = append(st.Configs, c)
	st.configByID[c.ID] = c
}

func (st *state) addEntitlement(e *entitlement) {
	st.Entitlements = append(st.Entitlements, e)
	st.bySerial[e.SerialNumber] = e
	if e.Token != "" {
		st.byToken[e.Token] = e
	}
	st.byConfig[e.ConfigID] = append(st.byConfig[e.ConfigID], e)
}

// removeEntitlement deletes e from the state and the indexes.
func (st *state) removeEntitlement(e *entitlement) {
	st.Entitlements = slices.DeleteFunc(st.Entitlements, func(x *entitlement) bool { return x == e })
	delete(st.bySerial, e.SerialNumber)
	if e.Token != "" {
		delete(st.byToken, e.Token)
	}
	st.unlinkConfig(e)
}

func (st *state) unlinkConfig(e *entitlement) {
	list := slices.DeleteFunc(st.byConfig[e.ConfigID], func(x *entitlement) bool { return x == e })
	if len(list) == 0 {
		delete(st.byConfig, e.ConfigID)
	} else {
		st.byConfig[e.ConfigID] = list
	}
}

// moveEntitlement links e to another configuration (and its account).
func (st *state) moveEntitlement(e *entitlement, c *config) {
	if e.ConfigID == c.ID {
		return
	}
	st.unlinkConfig(e)
	e.ConfigID, e.AccountID = c.ID, c.AccountID
	st.byConfig[c.ID] = append(st.byConfig[c.ID], e)
}

// setToken gives e a new license token.
func (st *state) setToken(e *entitlement, tok string) {
	if e.Token != "" {
		delete(st.byToken, e.Token)
	}
	e.Token = tok
	st.byToken[tok] = e
}

// newToken returns a license token not held by any entitlement.
func (st *state) newToken() string {
	for {
		if t := newLicenseToken(); st.byToken[t] == nil {
			return t
		}
	}
}

// nextSerial returns prefix + the next free sequence number of that prefix,
// zero-padded to width digits.
func (st *state) nextSerial(prefix string, width int) string {
	for {
		st.NextSerial[prefix]++
		s := fmt.Sprintf("%s%0*d", prefix, width, st.NextSerial[prefix])
		if st.bySerial[s] == nil {
			return s
		}
	}
}
