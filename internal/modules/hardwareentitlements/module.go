// Package hardwareentitlements is fortiflexvm_hardware_entitlements, the
// declarative module of hardware devices: a hardware configuration and a
// list of device serial numbers, which are registered and ACTIVE (present),
// stopped (stopped) or removed from FortiFlex (absent). A second run with the
// same options changes nothing and sends only reads (one entitlements/list).
package hardwareentitlements

import (
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// maxSerials is how many serial numbers one task takes: FortiFlex registers
// at most 100 per request.
const maxSerials = 100

// createBatch is how many serial numbers one entitlements/hardware/create
// carries (FortiFlex takes at most 100). A variable so that tests can show
// the batching.
var createBatch = 100

// Module is fortiflexvm_hardware_entitlements.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_hardware_entitlements",
	Short: "Ensure hardware devices are registered with a FortiFlex configuration, ACTIVE, stopped or removed",
	Description: []string{
		"Ensures that the hardware devices (FortiGate, FortiAP, FortiSwitch) named by C(serial_numbers) are registered with the hardware configuration C(config_id) and ACTIVE (C(state=present)), registered and STOPPED (C(state=stopped)), or not registered there (C(state=absent)).",
		"Declarative: the configuration's entitlements are listed once, and only what differs is sent. A second run with the same options reports C(changed=false) and sends only that one read.",
		"C(present) registers the serial numbers that are not in the configuration (at most 100 per request) and reactivates STOPPED ones; PENDING and ACTIVE ones are left as they are. C(stopped) registers the missing ones and then stops them, and stops ACTIVE and PENDING ones (from the next day; a day fully stopped costs no points). C(absent) removes from FortiFlex, in one request, the serial numbers the configuration holds.",
		"An EXPIRED entitlement cannot change: with C(present) or C(stopped) the task fails and names it (leave it out of the list, or remove it with C(absent)).",
		"C(description) and C(end_date), when given, apply to every listed serial number: new ones get them, existing ones are updated when they differ (end dates are compared as dates, so C(2027-06-30) equals C(2027-06-30T00:00:00)).",
		"FortiFlex registers a serial number only once. A serial number registered with another configuration is not in this configuration's list, so the module tries to register it and FortiFlex refuses (C(Serial number ... is already registered.)); in check mode it is reported as to be registered. Move it with fortiflexvm_entitlement (C(config_id)) instead.",
		"If the answer to a registration is lost (network failure, server error), the request is not sent again: the configuration is listed again and the task goes on with the serial numbers found there, or fails naming those that are missing (running it again then registers only them). A removal whose answer is lost is checked the same way.",
	},
	SeeAlso: []string{
		"flexgo.fortiflexvm.fortiflexvm_entitlements_hardware_create",
		"flexgo.fortiflexvm.fortiflexvm_entitlements_list_info",
		"flexgo.fortiflexvm.fortiflexvm_entitlement",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "config_id", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The hardware configuration (product types 101 to 199, for example a FortiGate Hardware one)."}},
		{Name: "serial_numbers", Type: ansiblemod.TypeList, Elements: ansiblemod.TypeStr, Required: true,
			Description: []string{"The device serial numbers, for example C(FGT60FTK24000101): at least one, at most 100, each once (compared without regard to case)."}},
		{Name: "state", Type: ansiblemod.TypeStr, Default: "present", Choices: []string{"present", "stopped", "absent"},
			Description: []string{"C(present): registered and not STOPPED (new ones start ACTIVE; STOPPED ones are reactivated).",
				"C(stopped): registered and STOPPED (new ones are registered, then stopped).",
				"C(absent): not registered with this configuration (removed from FortiFlex when they are)."}},
		{Name: "description", Type: ansiblemod.TypeStr,
			Description: []string{"The description every listed serial number should have; an empty string clears it. Left out means unchanged (empty for new ones).",
				"Not with C(state=absent)."}},
		{Name: "end_date", Type: ansiblemod.TypeStr,
			Description: []string{"The end date every listed serial number should have, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end. Left out: the program's end for new ones, unchanged for existing ones.",
				"FortiFlex changes the end date of PENDING and ACTIVE entitlements only, so with C(state=stopped) a STOPPED serial number whose end date differs fails the task.",
				"Not with C(state=absent)."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Lists the configuration, writes nothing and reports exactly what would change, with the predicted entitlements and lists. When serial numbers would be registered, the configuration is also read and the task fails, as the real run would, when it is unknown, DISABLED or not a hardware one. A serial number registered with another configuration is reported as to be registered (FortiFlex refuses it in the real run)."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Shows the status of each listed serial number before and after, C(absent) when it is not registered with the configuration."},
	Examples: `
- name: Two FortiGate 60F registered and ACTIVE
  flexgo.fortiflexvm.fortiflexvm_hardware_entitlements:
    config_id: 5002
    serial_numbers:
      - FGT60FTK24000001
      - FGT60FTK24000101
    description: store-17
    end_date: "2027-12-31"
  register: hw

- name: Say what was done
  ansible.builtin.debug:
    msg: "registered {{ hw.created | join(', ') }}, reactivated {{ hw.reactivated | join(', ') }}"

- name: Store closed for the winter, stop paying for its devices
  flexgo.fortiflexvm.fortiflexvm_hardware_entitlements:
    config_id: 5002
    serial_numbers: [FGT60FTK24000001, FGT60FTK24000101]
    state: stopped

- name: Devices returned, remove them from FortiFlex
  flexgo.fortiflexvm.fortiflexvm_hardware_entitlements:
    config_id: 5002
    serial_numbers: [FGT60FTK24000001, FGT60FTK24000101]
    state: absent
`,
	Return: returnDoc(),
	Run:    common.Run(run),
}

// returnDoc is the RETURN block: the entitlements (the shared shape) and the
// lists of what was done.
func returnDoc() string {
	serials := func(key, what string) string { return common.SerialsDoc(key, "always", "FGT60FTK24000101", what) }
	return common.EntitlementsDoc("entitlements", "list", "always",
		"The entitlements of the listed serial numbers after the task (in check mode, as they would be), in the order of C(serial_numbers).",
		"Serial numbers not registered with the configuration (removed, or left out with C(state=absent)) are left out.",
		"In check mode a new one has an empty C(startDate).") +
		serials("created", "The serial numbers registered with the configuration (in check mode, that would be).") +
		serials("stopped", "The serial numbers stopped, including new ones registered and then stopped with C(state=stopped).") +
		serials("reactivated", "The STOPPED serial numbers reactivated.") +
		serials("removed", "The serial numbers removed from FortiFlex.") +
		serials("updated", "The serial numbers already registered whose description or end date changed (new ones are in C(created) only).") +
		strings.TrimPrefix(common.PointsReturn("the serial numbers"), "\n")
}
