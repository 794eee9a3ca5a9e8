package common

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// Points is one side of a points-per-day estimate: Count entitlements of
// Config, with Params (nil: the configuration's own parameters). A nil
// *Points is "nothing": its estimate is null.
type Points struct {
	Config *fortiflex.Configuration
	Params []fortiflex.Parameter
	Count  int
}

// Charged is how many of the entitlements in these statuses FortiFlex
// charges daily: ACTIVE (and GRACE_PERIOD) ones; PENDING, STOPPED and
// EXPIRED ones cost nothing (spec §6.2, §9).
func Charged(statuses ...string) int {
	n := 0
	for _, s := range statuses {
		if s == "ACTIVE" || s == "GRACE_PERIOD" {
			n++
		}
	}
	return n
}

// SetPointsPerDay sets the points_per_day return value {before, after} of
// the declarative writers (DESIGN §2: check and diff mode show the
// points-per-day effect where the API can tell it), from tools/calc at the
// program's rates. A count of 0 costs 0 without asking. An estimate
// FortiFlex cannot make is a warning, never a failure.
func SetPointsPerDay(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, before, after *Points) {
	calc := func(p *Points) (any, error) {
		if p == nil || p.Config == nil {
			return nil, nil
		}
		if p.Count == 0 {
			return 0.0, nil
		}
		params := p.Params
		if params == nil {
			params = p.Config.Parameters
		}
		pts, err := c.ToolsCalc(ctx, fortiflex.CalcRequest{ProgramSerialNumber: p.Config.ProgramSerialNumber, Count: p.Count,
			ProductTypeID: p.Config.ProductType.ID, Parameters: params})
		if err != nil {
			return nil, APIError(ctx, err)
		}
		return pts.Current, nil
	}
	b, err := calc(before)
	if err != nil {
		res.Warn("points_per_day left out: %v", err)
		return
	}
	a, err := calc(after)
	if err != nil {
		res.Warn("points_per_day left out: %v", err)
		return
	}
	res.Set("points_per_day", map[string]any{"before": b, "after": a})
}

// PointsReturn documents points_per_day for the RETURN block of a module;
// subject says what is priced ("the entitlement", "the serial numbers").
func PointsReturn(subject string) string {
	return `
points_per_day:
  description:
    - The daily points ` + subject + ` cost before and after the task, at the program's rates (FortiFlex's C(tools/calc)).
      Only ACTIVE entitlements are charged.
    - Returned in check mode and diff mode, when the task changes what is charged.
      When FortiFlex cannot estimate it, a warning says why and this key is left out; the task does not fail for it.
  returned: in check or diff mode, when the daily points change
  type: dict
  contains:
    before:
      description: Points per day before the task.
      type: float
      sample: 6.5
    after:
      description: Points per day after the task.
      type: float
      sample: 0
`
}
