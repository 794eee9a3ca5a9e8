// Package entitlementtransfer is fortiflexvm_entitlement_transfer, the
// declarative module of where entitlements are: a list of serial numbers and
// a target account (and optionally a configuration there) of the same
// organization. Those not there are transferred, one entitlements/transfer
// per source configuration; a second run with the same options finds them
// there, changes nothing and sends only reads.
package entitlementtransfer

import (
	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlement_transfer.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlement_transfer",
	Short: "Ensure FortiFlex entitlements sit in a given account (and configuration) of the organization",
	Description: []string{
		"Ensures that the entitlements named by C(serial_numbers) (VM, hardware or cloud) are in the FortiCloud account C(target_account_id), and, with C(target_config_id), in that configuration of it.",
		"Declarative: the serial numbers are found first (the target account is searched first, so a second run costs few reads), and only those elsewhere are transferred. A second run with the same options reports C(changed=false) and sends only reads.",
		"FortiFlex transfers between accounts of one organization (FortiCloud Organizations or MSSP root and tenant accounts), from one source configuration at a time: the serial numbers to move are grouped by their account and configuration, and each group is one entitlements/transfer request.",
		"Without C(target_config_id), serial numbers already in the target account are left in whatever configuration they use, and the others are transferred without a target configuration: FortiFlex then chooses the configuration in the target account (the simulator uses the first ACTIVE one with the same program, product type and parameters, or creates a copy of the source configuration there).",
		"With C(target_config_id), the configuration is read before anything is sent, and the task fails when it is unknown, not in the target account, of another product type than a serial number's configuration, or DISABLED.",
		"A serial number that is already in the target account but in another configuration than C(target_config_id) is not a transfer but a move within one account: the task fails before anything is sent and points to fortiflexvm_entitlement (C(config_id)) for it.",
		"An EXPIRED entitlement cannot be transferred: the task fails, before anything is sent, naming it.",
		"A transfer whose answer is lost (network failure, server error) is never sent again: the serial numbers are found again, and the task goes on when they are all in the target account, or fails saying where each one is and how to check.",
		"The returned entitlements hold the license tokens of VM entitlements, which are secrets: use C(no_log) on tasks that register or print the result, or leave the tokens out with C(return_tokens=false).",
	},
	SeeAlso: []string{
		"flexgo.fortiflexvm.fortiflexvm_entitlement",
		"flexgo.fortiflexvm.fortiflexvm_entitlements_list_info",
		"flexgo.fortiflexvm.fortiflexvm_configs_list_info",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "serial_numbers", Type: ansiblemod.TypeList, Elements: ansiblemod.TypeStr, Required: true,
			Description: []string{"The serial numbers of the entitlements, for example C(FGVMELTM24000001): at least one, each once (compared without regard to case)."}},
		{Name: "target_account_id", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The FortiCloud account the entitlements should be in: an account of the same organization as the one that holds them, and the API user's permission profile must cover both.",
				"FortiFlex alone knows which accounts exist: an unknown one, or one outside the organization, is refused by the transfer request (in check mode it is not detected)."}},
		{Name: "target_config_id", Type: ansiblemod.TypeInt,
			Description: []string{"The configuration the entitlements should use in the target account: a configuration of C(target_account_id), of the same product type as their current configuration, not DISABLED.",
				"Also the first place the serial numbers are looked for, so a second run costs one read.",
				"Left out: FortiFlex chooses (or creates) an equivalent configuration in the target account for the serial numbers it transfers, and those already in the target account stay where they are."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Finds the serial numbers (and reads the target configuration when one is given and something would move), writes nothing, reports exactly what would change and returns the predicted entitlements: " +
			"a transferred one with the target account and C(configId) set to C(target_config_id), or null when FortiFlex would choose the configuration."},
	DiffMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Shows, for each serial number, its C(accountId) and C(configId) before and after (C(configId) null in check mode when FortiFlex would choose it). No license token is shown."},
	Examples: `
- name: Hand two FortiGate VMs over to the tenant account
  flexgo.fortiflexvm.fortiflexvm_entitlement_transfer:
    serial_numbers:
      - FGVMELTM24000001
      - FGVMELTM24000002
    target_account_id: 853131
  register: handover
  no_log: true   # the result holds the license tokens

- name: Say what moved
  ansible.builtin.debug:
    msg: "transferred {{ handover.transferred | join(', ') }}"

- name: Into a given configuration of the tenant account (same product type)
  flexgo.fortiflexvm.fortiflexvm_entitlement_transfer:
    serial_numbers: [FGVMELTM24000003]
    target_account_id: 853131
    target_config_id: 5006
  no_log: true

- name: Preview which serial numbers would move, without moving them
  flexgo.fortiflexvm.fortiflexvm_entitlement_transfer:
    serial_numbers: "{{ branch_serials }}"
    target_account_id: 853130
  check_mode: true
  register: preview
  no_log: true

- name: Show them
  ansible.builtin.debug:
    var: preview.transferred
`,
	Return: returnDoc(),
	Run:    common.Run(run),
}

// returnDoc is the RETURN block: the entitlements (the shared shape) and the
// list of what was transferred.
func returnDoc() string {
	return common.EntitlementsDoc("entitlements", "list", "success",
		"The entitlements of the listed serial numbers after the task (in check mode, as they would be), in the order of C(serial_numbers).",
		"In check mode a transferred one has C(accountId) set to C(target_account_id) and C(configId) to C(target_config_id),\n"+
			"      or null when FortiFlex would choose the configuration.") +
		common.SerialsDoc("transferred", "success", "FGVMELTM24000001, FGVMELTM24000002",
			"The serial numbers this run transferred (in check mode, that it would transfer), as FortiFlex writes them, in the order of C(serial_numbers).",
			"Also returned when the task fails after some were transferred.")
}
