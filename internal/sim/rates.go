package sim

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

// Point rates.
//
// THESE RATES ARE INVENTED. FortiFlex does not publish its price table
// (spec §9); the simulator uses a deterministic, made-up formula so that
// tools/calc, daily accrual, entitlements/points and prepaid balances behave
// consistently. Never present these numbers as real prices. The same table is
// served, with this warning, at GET /_sim/rates.
//
// Daily points of one entitlement of a configuration =
//
//	base(product)
//	+ Σ unitRate(param) × value        for numeric (and read-only numeric) parameters
//	+ tierRate(param) × position        for single-value codes (position of the code
//	                                    in the catalogue's choices, first = 0; NONE = 0)
//	+ addonRate × number of codes       for multi-value parameters (NONE = 0 codes)
//
// rounded to 2 decimals. tools/calc returns that × count.
var (
	// baseRate is the base daily rate per product type id; product types not
	// listed use formFactorBase.
	baseRate = map[int]float64{
		1: 1.00, 2: 2.00, 3: 1.50, 4: 0.80, 5: 1.00, 7: 1.20, 8: 1.00, 9: 1.00, 10: 3.00, 11: 1.00, 12: 1.00,
		101: 2.00, 102: 0.50, 103: 0.50,
		202: 5.00, 203: 4.00, 204: 3.00, 205: 10.00, 206: 4.00, 207: 6.00, 208: 5.00, 209: 8.00, 211: 4.00, 212: 3.00,
	}
	formFactorBase = map[catalog.FormFactor]float64{catalog.VM: 1.00, catalog.Hardware: 2.00, catalog.Cloud: 5.00}

	// unitRate is the daily rate per unit of a numeric parameter id;
	// numeric parameters not listed use defaultUnitRate.
	unitRate = map[int]float64{
		1: 1.50, 6: 1.25, // vCPUs
		10: 0.05, 11: 0.05, // VDOMs
		30: 0.10, 9: 0.02, 24: 0.05, // managed devices, ADOMs
		21: 0.01, 22: 0.02, // FortiAnalyzer storage, ADOMs
		70: 0.20, 78: 0.01, 91: 0.02, 47: 0.02, // users, endpoints
		59: 2.00, 72: 1.00, // FortiSASE regions, locations
		63: 0.50, 64: 0.10, 65: 0.10, 66: 0.50, // FortiRecon, FortiSIEM compute units
		76: 0.001, 67: 0.001, 68: 0.0005, // storage in GB
	}
	defaultUnitRate = 0.01

	// tierRate is the daily rate per position of a single-value code;
	// tierOverride replaces it for some parameter ids (device models are not
	// tiers).
	tierRate     = 0.50
	tierOverride = map[int]float64{27: 0, 53: 0, 55: 0}

	// addonRate is the daily rate per selected multi-value code.
	addonRate = 0.30
)

// dailyRate is the daily points of one entitlement with these parameters.
func dailyRate(productID int, ps []param) float64 {
	total, ok := baseRate[productID]
	if !ok {
		if p, found := catalog.ProductByID(productID); found {
			total = formFactorBase[p.FormFactor]
		}
	}
	for _, e := range ps {
		_, prm, ok := catalog.ParamByID(e.ID)
		if !ok {
			continue
		}
		v := strings.TrimSpace(e.Value)
		switch prm.Kind {
		case catalog.Numeric, catalog.ReadOnly:
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n < 0 || n > 1e7 { // 2147483647 = legacy "unlimited": not priced
				continue
			}
			r, ok := unitRate[prm.ID]
			if !ok {
				r = defaultUnitRate
			}
			total += r * n
		case catalog.Single:
			r, ok := tierOverride[prm.ID]
			if !ok {
				r = tierRate
			}
			if i := slices.Index(prm.Choices, v); i > 0 {
				total += r * float64(i)
			}
		case catalog.Multi:
			if v != "" && v != catalog.NONE {
				total += addonRate
			}
		}
	}
	return round2(total)
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// ratesDoc is the rate table as served at /_sim/rates.
func ratesDoc() map[string]any {
	return map[string]any{
		"invented": true,
		"note": "INVENTED point rates: FortiFlex publishes no price table (spec §9). " +
			"These deterministic numbers only make the simulator consistent; they are not real prices.",
		"formula":         "daily points = base(product) + Σ unitRate(param)×value (numeric) + tierRate×position of the code in the catalogue's choices (single-value, first = 0) + addonRate×codes selected (multi-value); rounded to 2 decimals; tools/calc current = daily × count",
		"base":            baseRate,
		"formFactorBase":  map[string]float64{"VM": formFactorBase[catalog.VM], "Hardware": formFactorBase[catalog.Hardware], "Cloud": formFactorBase[catalog.Cloud]},
		"unitRate":        unitRate,
		"defaultUnitRate": defaultUnitRate,
		"tierRate":        tierRate,
		"tierOverride":    tierOverride,
		"addonRate":       addonRate,
		"accrual": "At each crossing of a simulated UTC day, every entitlement that was ACTIVE at some moment of the closed day " +
			"is charged its configuration's daily rate (recorded for entitlements/points) and the rate is deducted from a " +
			"prepaid program's balance; entitlements whose endDate day has passed become EXPIRED.",
	}
}

// --- clock, daily accrual and expiry ---

// now is the simulator clock: Options.Now plus the /_sim/clock offset. Call
// with or without s.mu held.
func (s *Server) now() time.Time {
	return s.opts.Now().Add(time.Duration(s.offset.Load()))
}

// tick closes every whole simulated day since the last call: it charges the
// day's points and expires entitlements whose end date has passed. It reports
// whether it changed the state. Call with s.mu held.
//
// Rules: day d is charged to an entitlement (its configuration's current
// daily rate) when it was ACTIVE at some moment of d (ActiveToday for the
// first closed day, the status for the following ones), d is not before its
// start day and not after its end day. A prepaid program's balance decreases
// by the same amount (it may go negative; GRACE_PERIOD is not simulated).
// An entitlement whose end day is before today becomes EXPIRED.
func (s *Server) tick() bool {
	st := s.st
	today := dayOf(s.now())
	last := today - 1
	if st.AccruedThrough >= last {
		return false
	}
	from := st.AccruedThrough + 1
	rates := map[int64]float64{}
	programs := map[int64]*program{}
	for _, e := range st.Entitlements {
		if e.Status == statusExpired && !e.ActiveToday {
			continue
		}
		start := max(from, dayOf(e.StartDate))
		end := min(last, dayOf(e.EndDate))
		var chargeTo day
		switch {
		case e.Status == statusActive:
			chargeTo = end
		case e.ActiveToday:
			chargeTo = min(from, end) // only the first closed day
		default:
			chargeTo = start - 1
		}
		if chargeTo >= start {
			c := st.config(e.ConfigID)
			if c != nil {
				r, ok := rates[c.ID]
				if !ok {
					r = dailyRate(c.ProductType.ID, c.Parameters)
					rates[c.ID] = r
					programs[c.ID] = st.program(c.ProgramSerialNumber)
				}
				e.charge(start, chargeTo, r)
				if p := programs[c.ID]; p != nil && p.Prepaid {
					p.PointBalance = round2(p.PointBalance - r*float64(chargeTo-start+1))
				}
			}
		}
		e.ActiveToday = e.Status == statusActive
		if dayOf(e.EndDate) < today && e.Status != statusExpired {
			e.Status = statusExpired
			e.ActiveToday = false
		}
	}
	st.AccruedThrough = last
	return true
}

// AdvanceClock moves the simulator clock forward by d (negative values are
// ignored) and applies the days crossed.
func (s *Server) AdvanceClock(d time.Duration) {
	if d <= 0 {
		return
	}
	s.mu.Lock()
	s.offset.Add(int64(d))
	s.tick()
	s.mu.Unlock()
	s.afterWrite()
}

// SetClock sets the simulator clock to t (by changing the offset from
// Options.Now) and applies the days crossed. Moving back in time undoes
// nothing: days already charged stay charged and are not charged again.
func (s *Server) SetClock(t time.Time) {
	s.mu.Lock()
	s.offset.Store(int64(t.Sub(s.opts.Now())))
	s.tick()
	s.mu.Unlock()
	s.afterWrite()
}

// Now returns the simulator's current time.
func (s *Server) Now() time.Time { return s.now() }
