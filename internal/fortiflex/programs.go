package fortiflex

import (
	"context"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// Program is a FortiFlex program (spec §4.1). Dates stay as the API sent
// them; see ParseTime.
type Program struct {
	SerialNumber       string `json:"serialNumber"`
	AccountID          int    `json:"accountId"`
	StartDate          string `json:"startDate"`
	EndDate            string `json:"endDate"`
	HasSupportCoverage bool   `json:"hasSupportCoverage"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (p *Program) UnmarshalJSON(b []byte) error {
	return p.decode(gjson.ParseBytes(b))
}

func (p *Program) decode(r gjson.Result) error {
	d := newObjDecoder(r, "program")
	*p = Program{
		SerialNumber:       d.str("serialNumber"),
		AccountID:          d.int("accountId"),
		StartDate:          d.str("startDate"),
		EndDate:            d.str("endDate"),
		HasSupportCoverage: d.bool("hasSupportCoverage"),
	}
	return d.err
}

// ProgramBalance is the point balance of a prepaid program (spec §4.2).
type ProgramBalance struct {
	SerialNumber string  `json:"serialNumber"`
	AccountID    int     `json:"accountId"`
	PointBalance float64 `json:"pointBalance"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (p *ProgramBalance) UnmarshalJSON(b []byte) error {
	return p.decode(gjson.ParseBytes(b))
}

func (p *ProgramBalance) decode(r gjson.Result) error {
	d := newObjDecoder(r, "program balance")
	*p = ProgramBalance{
		SerialNumber: d.str("serialNumber"),
		AccountID:    d.int("accountId"),
		PointBalance: d.float("pointBalance"),
	}
	return d.err
}

var (
	epProgramsList   = endpoint{op: "programs/list", safe: true}
	epProgramsPoints = endpoint{op: "programs/points", safe: true}
)

// ProgramsList returns the FortiFlex programs the API user can see
// (programs/list, spec §5.1).
func (c *Client) ProgramsList(ctx context.Context) ([]Program, error) {
	env, err := c.call(ctx, epProgramsList, struct{}{})
	if err != nil {
		return nil, err
	}
	return decodeList(env, epProgramsList, []string{"programs"}, (*Program).decode)
}

// programsPointsRequest is the body of programs/points.
type programsPointsRequest struct {
	ProgramSerialNumber string `json:"programSerialNumber"`
}

// ProgramsPoints returns the point balance of a prepaid program
// (programs/points, spec §5.2). serial is required.
func (c *Client) ProgramsPoints(ctx context.Context, serial string) ([]ProgramBalance, error) {
	serial = strings.TrimSpace(serial)
	if serial == "" {
		return nil, validationError(epProgramsPoints.name(), "programSerialNumber is required")
	}
	env, err := c.call(ctx, epProgramsPoints, programsPointsRequest{ProgramSerialNumber: serial})
	if err != nil {
		return nil, err
	}
	return decodeList(env, epProgramsPoints, []string{"programs"}, (*ProgramBalance).decode)
}

// decodeList decodes the list under the first present key of a successful
// envelope into []T with dec. A missing key gives an empty, non-nil list.
func decodeList[T any](env *envelope, ep endpoint, keys []string, dec func(*T, gjson.Result) error) ([]T, error) {
	items, err := env.items(keys...)
	if err != nil {
		return nil, unexpected(env, ep, err)
	}
	out := make([]T, 0, len(items))
	for i, it := range items {
		var v T
		if err := dec(&v, it); err != nil {
			return nil, unexpected(env, ep, prefixErr(keys[0], i, err))
		}
		out = append(out, v)
	}
	return out, nil
}

// decodeOne decodes the single object under the first present key of a
// successful envelope; the API sends either the object or a one-element list
// (spec §12 #1, #3). With a longer list the first element is returned. A
// missing key or an empty list is an unexpected response; what names the
// object in that message.
func decodeOne[T any](env *envelope, ep endpoint, keys []string, what string, dec func(*T, gjson.Result) error) (*T, error) {
	list, err := decodeList(env, ep, keys, dec)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, unexpected(env, ep, fmt.Errorf("the answer holds no %s (%s)", what, keys[0]))
	}
	return &list[0], nil
}

// unexpected is the error for a successful answer whose data cannot be
// decoded. For a call that is not safe to repeat the request was carried out
// but its result is unknown, so it is also an unknown outcome.
func unexpected(env *envelope, ep endpoint, err error) error {
	return &Error{Op: ep.name(), HTTPStatus: env.httpStatus, Status: env.status, Message: "cannot decode response: " + err.Error(),
		Attempts: env.attempts, Err: ErrUnexpectedResponse, OutcomeUnknown: !ep.safe}
}

func prefixErr(key string, i int, err error) error {
	return fmt.Errorf("%s[%d]: %w", key, i, err)
}
