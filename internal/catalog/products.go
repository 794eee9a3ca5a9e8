package catalog

// The catalogue (spec §7.1, §7.2, §7.4 with the §12 decisions). One block per
// product type, ordered by id. Description holds only the lead text; the
// rules in words (range, choices, step, default, …) are appended at init from
// the other fields, and note (the spec's caveats) after them.
//
// Defaults: "NONE" for every optional list (an empty list is sent as one
// NONE entry) and for optional single codes; "0" for optional numbers whose
// range starts at 0. Where the spec's default column is empty but the
// parameter is optional with a 0 minimum, "0" is used because live
// configurations carry "0" for unused numeric parameters (spec §4.4); those
// places say so in a comment.

var products = []Product{
	{
		ID: 1, Key: "fortiGateBundle", TFCode: "FGT_VM_Bundle", Name: "FortiGate Virtual Machine - Service Bundle",
		APIName: "FortiGate-VM", FormFactor: VM,
		Params: []Param{
			{ID: 1, Name: "cpu", TFName: "cpu_size", APIName: "CPU", Label: "Number of CPUs",
				Kind: Numeric, Type: "int", Min: ptr(1), Max: ptr(96), Required: true,
				Description: "Number of vCPUs.",
				note:        `Old configurations may still hold 2147483647 (the retired "unlimited").`},
			{ID: 2, Name: "service", TFName: "service_pkg", APIName: "SERVICEPACK", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FC", "UTP", "ENT", "ATP"}, Required: true,
				Description: "Service bundle.",
				note:        `The retired value UTM may still appear in old configurations.`},
			{ID: 10, Name: "vdom", TFName: "vdom_num", APIName: "VDOM", Label: "Number of VDOMs",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(500), Default: "0",
				Description: "Number of additional VDOMs.",
				note:        `The admin guide caps VDOMs by vCPUs (1: 10, 2-3: 25, 4-7: 50, 8+: 500); FortiFlex enforcement is not verified, so this is only warned about.`},
			// FGTFCSS (FortiConverter) is absent from the incumbent's list but in
			// Terraform examples and CSE constants: accepted per spec §12 #14.
			{ID: 43, Name: "fortiGuardServices", TFName: "fortiguard_services", APIName: "SERVICEPACK", Label: "FortiGuard Services",
				Kind: Multi, Type: "list", Choices: []string{"FGTAVDB", "FGTFAIS", "FGTISSS", "FGTDLDB", "FGTFGSA", "FGTFCSS"}, Default: NONE,
				Description: "FortiGuard services to add."},
			{ID: 44, Name: "cloudServices", TFName: "cloud_services", APIName: "SERVICEPACK", Label: "Cloud Services",
				Kind: Multi, Type: "list", Choices: []string{"FGTFAMS", "FGTSWNM", "FGTSOCA", "FGTFAZC", "FGTSWOS", "FGTFSPA"}, Default: NONE,
				Description: "Cloud services to add."},
			{ID: 45, Name: "supportService", TFName: "support_service", APIName: "SERVICEPACK", Label: "Support Service",
				Kind: Single, Type: "str", Choices: []string{"FGTFCELU"}, Default: NONE,
				Description: "Support upgrade."},
		},
	},
	{
		ID: 2, Key: "fortiManager", TFCode: "FMG_VM", Name: "FortiManager Virtual Machine",
		APIName: "FortiManager-VM", FormFactor: VM,
		Params: []Param{
			// Replaces legacy id 3 (same meaning) from the v1 API.
			{ID: 30, Name: "device", TFName: "managed_dev", APIName: "DEVICENOBPS", Label: "Managed Devices",
				Kind: Numeric, Type: "int", Min: ptr(1), Max: ptr(100000), Required: true,
				Description: "Number of managed devices."},
			// Min 0 per spec §12 #11 (CSE comments say 1).
			{ID: 9, Name: "adom", TFName: "adom_num", APIName: "ADOM", Label: "Number of ADOMs",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(100000), Required: true,
				Description: "Number of ADOMs."},
		},
	},
	{
		ID: 3, Key: "fortiWeb", TFCode: "FWB_VM", Name: "FortiWeb Virtual Machine - Service Bundle",
		APIName: "FortiWeb-VM", FormFactor: VM,
		Params: []Param{
			{ID: 4, Name: "cpu", TFName: "cpu_size", APIName: "CPU", Label: "Number of CPUs",
				Kind: Single, Type: "str", Choices: []string{"1", "2", "4", "8", "16"}, Required: true,
				Description: "Number of vCPUs (a string)."},
			{ID: 5, Name: "service", TFName: "service_pkg", APIName: "SERVICEPACK", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FWBSTD", "FWBADV", "FWBENT"}, Required: true,
				Description: "Service bundle."},
		},
	},
	{
		ID: 4, Key: "fortiGateLCS", TFCode: "FGT_VM_LCS", Name: "FortiGate Virtual Machine - A La Carte Services",
		APIName: "FortiGate-VM", FormFactor: VM,
		Params: []Param{
			{ID: 6, Name: "cpu", TFName: "cpu_size", APIName: "CPU", Label: "Number of CPUs",
				Kind: Numeric, Type: "int", Min: ptr(1), Max: ptr(96), Required: true,
				Description: "Number of vCPUs."},
			{ID: 7, Name: "fortiGuardServices", TFName: "fortiguard_services", APIName: "SERVICEPACK", Label: "FortiGuard Services",
				Kind: Multi, Type: "list", Choices: []string{"IPS", "AVDB", "FURLDNS", "FGSA", "ISSS", "DLDB", "FAIS", "FURL", "IOTH"}, Default: NONE,
				Description: "FortiGuard services to add.",
				note:        "FURL, IOTH and ISSS are marked no longer available by Fortinet."},
			{ID: 8, Name: "supportService", TFName: "support_service", APIName: "SERVICEPACK", Label: "Support Service",
				Kind: Single, Type: "str", Choices: []string{"FC247", "ASET"}, Required: true,
				Description: "Support service."},
			{ID: 11, Name: "vdom", TFName: "vdom_num", APIName: "VDOM", Label: "Number of VDOMs",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(500), Required: true,
				Description: "Number of additional VDOMs.",
				note:        `The admin guide caps VDOMs by vCPUs (1: 10, 2-3: 25, 4-7: 50, 8+: 500); FortiFlex enforcement is not verified, so this is only warned about.`},
			{ID: 12, Name: "cloudServices", TFName: "cloud_services", APIName: "SERVICEPACK", Label: "Cloud Services",
				Kind: Multi, Type: "list", Choices: []string{"FAMS", "SWNM", "AFAC", "FAZC", "FSPA", "SWOS", "FMGC"}, Default: NONE,
				Description: "Cloud services to add.",
				note:        "FMGC is marked no longer available by Fortinet."},
		},
	},
	{
		ID: 5, Key: "fortiClientEMSOP", TFCode: "FC_EMS_OP", Name: "FortiClient EMS On-Prem",
		APIName: "FortiClient-EMS", FormFactor: VM,
		Params: []Param{
			// The divisible-by-25 rule is documented (CSE) for the cloud variant
			// only, so it is not applied here.
			{ID: 13, Name: "ZTNA", TFName: "ztna_num", APIName: "ZTNA", Label: "ZTNA/VPN",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), ZeroOrAtLeast: 25, Required: true,
				Description: "Number of ZTNA/VPN endpoints."},
			{ID: 14, Name: "EPP", TFName: "epp_ztna_num", APIName: "EPP", Label: "EPP/ATP + ZTNA/VPN",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), ZeroOrAtLeast: 25, Required: true,
				Description: "Number of EPP/ATP + ZTNA/VPN endpoints."},
			{ID: 15, Name: "chromebook", TFName: "chromebook", APIName: "CHROMEBOOK", Label: "Chromebook",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), ZeroOrAtLeast: 25, Required: true,
				Description: "Number of Chromebook endpoints."},
			{ID: 16, Name: "service", TFName: "support_service", APIName: "SERVICEPACK", Label: "Support Service",
				Kind: Single, Type: "str", Choices: []string{"FCTFC247"}, Required: true,
				Description: "Support service."},
			{ID: 36, Name: "addons", TFName: "addons", APIName: "SERVICEPACK", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"BPS"}, Default: NONE,
				Description: "Add-ons."},
		},
	},
	{
		ID: 7, Key: "fortiAnalyzer", TFCode: "FAZ_VM", Name: "FortiAnalyzer Virtual Machine",
		APIName: "FortiAnalyzer-VM", FormFactor: VM,
		Params: []Param{
			{ID: 21, Name: "storage", TFName: "daily_storage", APIName: "STORAGE", Label: "Daily Storage (GB)",
				Kind: Numeric, Type: "int", Min: ptr(5), Max: ptr(8300), Required: true,
				Description: "Daily log storage in GB."},
			{ID: 22, Name: "adom", TFName: "adom_num", APIName: "ADOM", Label: "Number of ADOMs",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(1200), Required: true,
				Description: "Number of ADOMs."},
			{ID: 23, Name: "service", TFName: "support_service", APIName: "SERVICEPACK", Label: "Support Service",
				Kind: Single, Type: "str", Choices: []string{"FAZFC247"}, Required: true,
				Description: "Support service."},
			{ID: 58, Name: "addons", TFName: "addons", APIName: "SERVICEPACK", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"FAZISSS", "FAZFGSA", "FAZAISN"}, Default: NONE,
				Description: "Add-ons."},
		},
	},
	{
		ID: 8, Key: "fortiPortal", TFCode: "FPC_VM", Name: "FortiPortal Virtual Machine",
		FormFactor: VM,
		Params: []Param{
			{ID: 24, Name: "device", TFName: "managed_dev", Label: "Managed Devices",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(100000), Required: true,
				Description: "Number of managed devices."},
		},
	},
	{
		ID: 9, Key: "fortiADC", TFCode: "FAD_VM", Name: "FortiADC Virtual Machine",
		FormFactor: VM,
		Params: []Param{
			{ID: 25, Name: "cpu", TFName: "cpu_size", Label: "Number of CPUs",
				Kind: Single, Type: "str", Choices: []string{"1", "2", "4", "8", "16", "32"}, Required: true,
				Description: "Number of vCPUs (a string)."},
			{ID: 26, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FDVFC247", "FDVNET", "FDVAPP", "FDVAI"}, Required: true,
				Description: "Service package.",
				note:        "The retired values FDVSTD and FDVADV may still appear in old configurations."},
		},
	},
	{
		ID: 10, Key: "fortiSOAR", TFCode: "FORTISOAR_VM", Name: "FortiSOAR Virtual Machine",
		APIName: "FortiSOAR-VM", FormFactor: VM,
		Params: []Param{
			{ID: 69, Name: "service", TFName: "service_pkg", APIName: "SERVICEPACK", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FSRE", "FSRM", "FSRD", "FSRR"}, Required: true,
				Description: "Service package."},
			{ID: 70, Name: "licenseNum", TFName: "additional_users_license", APIName: "USERSLOGINS", Label: "Additional Users",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(1000), Default: "0",
				Description: "Number of additional user licenses."},
			{ID: 71, Name: "addons", TFName: "addons", APIName: "SERVICEPACK", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"FSRTIMS"}, Default: NONE,
				Description: "Add-ons."},
		},
	},
	{
		ID: 11, Key: "fortiMail", TFCode: "FORTIMAIL_VM", Name: "FortiMail Virtual Machine",
		FormFactor: VM,
		Params: []Param{
			{ID: 73, Name: "cpu", TFName: "cpu_size", Label: "Number of CPUs",
				Kind: Single, Type: "str", Choices: []string{"1", "2", "4", "8", "16", "32"}, Required: true,
				Description: "Number of vCPUs (a string)."},
			{ID: 74, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FMLBASE", "FMLATP"}, Required: true,
				Description: "Service package."},
			{ID: 75, Name: "addons", TFName: "addons", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"FMLFEMS", "FMLFCAS", "FMLFEOP", "FMLFEEC"}, Default: NONE,
				Description: "Add-ons."},
		},
	},
	{
		ID: 12, Key: "fortiNAC", TFCode: "FORTINAC_VM", Name: "FortiNAC Virtual Machine",
		FormFactor: VM,
		Params: []Param{
			{ID: 77, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FNCPLUS", "FNCPRO"}, Required: true,
				Description: "Service package."},
			{ID: 78, Name: "endpoints", TFName: "endpoints", Label: "Number of Endpoints",
				Kind: Numeric, Type: "int", Min: ptr(25), Max: ptr(100000), Required: true,
				Description: "Number of endpoints."},
			// FNCFC247 per spec §12 #13 (the Terraform doc's FCTFC247 looks like a doc error).
			{ID: 79, Name: "supportService", TFName: "support_service", Label: "Support Service",
				Kind: Single, Type: "str", Choices: []string{"FNCFC247"}, Required: true,
				Description: "Support service."},
		},
	},
	{
		ID: 101, Key: "fortiGateHardware", TFCode: "FGT_HW", Name: "FortiGate Hardware",
		APIName: "FortiGate-Hardware", FormFactor: Hardware,
		Params: []Param{
			{ID: 27, Name: "model", TFName: "device_model", APIName: "PRODUCTMODEL", Label: "Device Model",
				Kind: Single, Type: "str", Choices: fortiGateModels, Required: true,
				Description: "FortiGate hardware model code, e.g. FGT60F."},
			{ID: 28, Name: "service", TFName: "service_pkg", APIName: "SERVICEPACK", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FGHWFC247", "FGHWFCEL", "FGHWATP", "FGHWUTP", "FGHWENT", "FGHWFCESN"}, Required: true,
				Description: "Service package."},
			// FGHWFCSS (FortiConverter) is listed by SOAR/CSE only: accepted per spec §12 #15.
			{ID: 29, Name: "addons", TFName: "addons", APIName: "SERVICEPACK", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{
					"FGHWFCELU", "FGHWFAMS", "FGHWFAIS", "FGHWSWNM", "FGHWDLDB", "FGHWFAZC", "FGHWSOCA", "FGHWMGAS",
					"FGHWSPAL", "FGHWISSS", "FGHWSWOS", "FGHWAVDB", "FGHWNIDS", "FGHWFGSA", "FGHWFURL", "FGHWFSFG", "FGHWFCSS",
				}, Default: NONE,
				Description: "Add-ons.",
				note:        "FGHWFCELU (FortiCare Elite upgrade) is not valid with some service packages."},
		},
	},
	{
		ID: 102, Key: "fortiAPHardware", TFCode: "FAP_HW", Name: "FortiAP Hardware",
		FormFactor: Hardware,
		Params: []Param{
			{ID: 55, Name: "model", TFName: "device_model", Label: "Device Model",
				Kind: Single, Type: "str", Choices: fortiAPModels, Required: true,
				Description: "FortiAP hardware model code, e.g. FP231F."},
			{ID: 56, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FAPHWFC247", "FAPHWFCEL"}, Required: true,
				Description: "Service package."},
			{ID: 57, Name: "addons", TFName: "addons", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"FAPHWFSFG"}, Default: NONE,
				Description: "Add-ons."},
		},
	},
	{
		ID: 103, Key: "fortiSwitchHardware", TFCode: "FSW_HW", Name: "FortiSwitch Hardware",
		FormFactor: Hardware,
		Params: []Param{
			{ID: 53, Name: "model", TFName: "device_model", Label: "Device Model",
				Kind: Single, Type: "str", Choices: fortiSwitchModels, Required: true,
				Description: "FortiSwitch hardware model code, e.g. S108EN."},
			{ID: 54, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FSWHWFC247", "FSWHWFCEL"}, Required: true,
				Description: "Service package."},
		},
	},
	{
		ID: 202, Key: "fortiCloudPrivate", TFCode: "FWBC_PRIVATE", Name: "FortiWeb Cloud - Private",
		FormFactor: Cloud,
		Params: []Param{
			{ID: 32, Name: "throughput", TFName: "average_throughput", Label: "Average Throughput (Mbps)",
				Kind: Numeric, Type: "int", Min: ptr(10), Max: ptr(10000), Discrete: throughputSet(10), Required: true,
				Description: "Average throughput in Mbps."},
			// 1-5000 (older docs and the incumbent's table: 0-2000).
			{ID: 33, Name: "applications", TFName: "web_applications", Label: "Web Applications",
				Kind: Numeric, Type: "int", Min: ptr(1), Max: ptr(5000), Required: true,
				Description: "Number of web applications."},
		},
	},
	{
		ID: 203, Key: "fortiCloudPublic", TFCode: "FWBC_PUBLIC", Name: "FortiWeb Cloud - Public",
		APIName: "FortiWeb-Cloud", FormFactor: Cloud,
		Params: []Param{
			{ID: 34, Name: "throughput", TFName: "average_throughput", APIName: "THROUGHPUT", Label: "Average Throughput (Mbps)",
				Kind: Numeric, Type: "int", Min: ptr(25), Max: ptr(10000), Discrete: throughputSet(25), Required: true,
				Description: "Average throughput in Mbps."},
			{ID: 35, Name: "applications", TFName: "web_applications", APIName: "WEBAPPS", Label: "Web Applications",
				Kind: Numeric, Type: "int", Min: ptr(1), Max: ptr(5000), Required: true,
				Description: "Number of web applications."},
		},
	},
	{
		ID: 204, Key: "fortiClientEMSCloud", TFCode: "FC_EMS_CLOUD", Name: "FortiClient EMS Cloud",
		APIName: "FortiClient-EMS-Cloud", FormFactor: Cloud,
		Params: []Param{
			// Multiples of 25: FortiCloudCSE constants (spec §7.2 notes for 37-41).
			{ID: 37, Name: "ZTNA", TFName: "ztna_num", APIName: "ZTNA", Label: "ZTNA/VPN",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), Step: 25, ZeroOrAtLeast: 25, Required: true,
				Description: "Number of ZTNA/VPN endpoints."},
			{ID: 38, Name: "ZTNA_FGF", TFName: "ztna_fgf_num", APIName: "ZTNAFGF", Label: "ZTNA/VPN + FortiGuard Forensics",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), Step: 25, ZeroOrAtLeast: 25, Required: true,
				Description: "Number of ZTNA/VPN + FortiGuard Forensics endpoints."},
			{ID: 39, Name: "EPP_ZTNA", TFName: "epp_ztna_num", APIName: "EPP", Label: "EPP/ATP + ZTNA/VPN",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), Step: 25, ZeroOrAtLeast: 25, Required: true,
				Description: "Number of EPP/ATP + ZTNA/VPN endpoints."},
			{ID: 40, Name: "EPP_ZTNA_FGF", TFName: "epp_ztna_fgf_num", APIName: "EPPFGF", Label: "EPP/ATP + ZTNA/VPN + FortiGuard Forensics",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), Step: 25, ZeroOrAtLeast: 25, Required: true,
				Description: "Number of EPP/ATP + ZTNA/VPN + FortiGuard Forensics endpoints."},
			{ID: 41, Name: "chromebook", TFName: "chromebook", APIName: "CHROMEBOOK", Label: "Chromebook",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(25000), Step: 25, ZeroOrAtLeast: 25, Required: true,
				Description: "Number of Chromebook endpoints."},
			{ID: 42, Name: "addons", TFName: "addons", APIName: "SERVICEPACK", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"BPS"}, Default: NONE,
				Description: "Add-ons."},
		},
	},
	{
		ID: 205, Key: "fortiSASE", TFCode: "FORTISASE", Name: "FortiSASE",
		FormFactor: Cloud,
		Params: []Param{
			{ID: 48, Name: "users", TFName: "users", Label: "Number of Users",
				Kind: Numeric, Type: "int", Min: ptr(50), Max: ptr(50000), Step: 25, Required: true,
				Description: "Number of users."},
			{ID: 49, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FSASESTD", "FSASEADV", "FSASECOM"}, Required: true,
				Description: "Service package."},
			// Optional with min 0 per spec §12 #10 (Terraform doc: required, min 25).
			{ID: 50, Name: "bandwidth", TFName: "bandwidth", Label: "Bandwidth (Mbps)",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(10000), Step: 25, Default: "0",
				Description: "Bandwidth in Mbps."},
			// Optional with min 0 per spec §12 #10 (Terraform doc: required, min 4).
			// With the multiple-of-4 rule the largest accepted value is 65532.
			{ID: 51, Name: "dedicatedIPs", TFName: "dedicated_ips", Label: "Dedicated IPs",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(65534), Step: 4, Default: "0",
				Description: "Number of dedicated IP addresses."},
			{ID: 59, Name: "computeRegion", TFName: "additional_compute_region", Label: "Additional Compute Regions",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(16), Step: 1, ScaleUpOnly: true, Default: "0",
				Description: "Number of additional compute regions."},
			{ID: 72, Name: "onRampLocations", TFName: "locations", Label: "On-Ramp Locations",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(8), Step: 1, ScaleUpOnly: true, Default: "0",
				Description: "Number of SD-WAN on-ramp locations."},
		},
	},
	{
		ID: 206, Key: "fortiEDR", TFCode: "FORTIEDR", Name: "FortiEDR (MSSP)",
		FormFactor: Cloud,
		Params: []Param{
			{ID: 46, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FEDRPDR"}, Required: true,
				Description: "Service package."},
			// Read-only, but tools/calc needs it (see ValidateForCalc).
			{ID: 47, Name: "endpoints", TFName: "endpoints", Label: "Number of Endpoints",
				Kind: ReadOnly, Type: "int",
				Description: "Number of endpoints.",
				note:        "Only a points estimate (tools/calc) takes it, and requires it there."},
			{ID: 52, Name: "addons", TFName: "addons", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"FEDRXDR"}, Default: NONE,
				Description: "Add-ons."},
			{ID: 76, Name: "repoStorage", TFName: "repository_storage", Label: "Repository Storage (GB)",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(30720), Step: 512, ScaleUpOnly: true, Default: "0",
				Description: "Repository storage in GB."},
		},
	},
	{
		ID: 207, Key: "fortiNDRCloud", TFCode: "FORTINDR_CLOUD", Name: "FortiNDR Cloud",
		FormFactor: Cloud,
		Params: []Param{
			{ID: 60, Name: "meteredUsage", TFName: "metered_usage", Label: "Metered Usage",
				Kind: ReadOnly, Type: "int",
				Description: "Metered usage."},
		},
	},
	{
		ID: 208, Key: "fortiRecon", TFCode: "FORTIRECON", Name: "FortiRecon",
		APIName: "FortiRecon", FormFactor: Cloud,
		Params: []Param{
			{ID: 61, Name: "service", TFName: "service_pkg", APIName: "SERVICEPACK", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"FRNEASM", "FRNEASMBP", "FRNEASMBPACI"}, Required: true,
				Description: "Service package."},
			{ID: 62, Name: "assets", TFName: "asset_num", APIName: "ASSET", Label: "Number of Monitored Assets",
				Kind: Numeric, Type: "int", Min: ptr(200), Max: ptr(1000000), Step: 50, Required: true,
				Description: "Number of monitored assets."},
			// Default "0": spec default column empty; inferred from live configs (§4.4).
			{ID: 63, Name: "networks", TFName: "network_num", APIName: "NETWORK", Label: "Number of Internal Attack Surface Networks",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(100), Default: "0",
				Description: "Number of internal attack surface networks."},
			// 0 accepted even with FRNEASMBPACI per spec §12 #12. Default "0" as for id 63.
			{ID: 64, Name: "executives", TFName: "executive_num", APIName: "EXECUTIVE", Label: "Number of Executives",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(1000), Default: "0",
				Description: "Number of monitored executives."},
			{ID: 65, Name: "vendors", TFName: "vendor_num", APIName: "VENDOR", Label: "Number of Vendors",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(1000), Default: "0",
				Description: "Number of monitored vendors."},
		},
	},
	{
		ID: 209, Key: "fortiSIEMCloud", TFCode: "SIEM_CLOUD", Name: "FortiSIEM Cloud",
		FormFactor: Cloud,
		Params: []Param{
			// Multiple of 10: Terraform doc only (spec §7.4).
			{ID: 66, Name: "computeUnits", TFName: "compute_units", Label: "Compute Units",
				Kind: Numeric, Type: "int", Min: ptr(10), Max: ptr(600), Step: 10, Required: true,
				Description: "Number of compute units."},
			// Optional as in the incumbent (the Terraform doc marks it required).
			// No default: the spec gives none and 0 is outside the range.
			{ID: 67, Name: "onlineStorage", TFName: "additional_online_storage", Label: "Additional Online Storage (GB)",
				Kind: Numeric, Type: "int", Min: ptr(500), Max: ptr(60000), Step: 500, ScaleUpOnly: true,
				Description: "Additional online storage in GB."},
			// Default "0": spec default column empty; inferred from live configs (§4.4).
			{ID: 68, Name: "archiveStorage", TFName: "archive_storage", Label: "Archive Storage (GB)",
				Kind: Numeric, Type: "int", Min: ptr(0), Max: ptr(60000), Step: 500, ScaleUpOnly: true, Default: "0",
				Description: "Archive storage in GB."},
		},
	},
	{
		// Absent from the incumbent: key and names are ours, camelCase from
		// the Terraform names in the incumbent's habits.
		ID: 211, Key: "fortiAppSec", TFCode: "FORTIAPPSEC", Name: "FortiAppSec",
		APIName: "FortiAppSec", FormFactor: Cloud,
		Params: []Param{
			{ID: 82, Name: "serviceTypes", TFName: "service_types", APIName: "SERVICEPACK", Label: "Service Types",
				Kind: Multi, Type: "list", Choices: []string{"UCWAF", "UCGSLB"}, Default: NONE,
				Description: "Services."},
			// Required only when serviceTypes contains UCWAF (checked in Validate).
			// Default NONE when not selected: inferred from the id-45 convention,
			// the spec gives no default.
			{ID: 83, Name: "wafServicePkg", TFName: "waf_service_pkg", APIName: "SERVICEPACK", Label: "WAF Service Package",
				Kind: Single, Type: "str", Choices: []string{"UCWAFSTD", "UCWAFADV", "UCWAFENT"}, ScaleUpOnly: true, Default: NONE,
				Description: "Cloud WAF service package, required when serviceTypes contains UCWAF."},
			{ID: 84, Name: "wafAddons", TFName: "waf_addons", APIName: "SERVICEPACK", Label: "WAF Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"UCSOCA"}, Default: NONE,
				Description: "Cloud WAF add-ons."},
			{ID: 85, Name: "throughput", TFName: "throughput", APIName: "THROUGHPUT", Label: "Throughput",
				Kind: ReadOnly, Type: "int",
				Description: "Throughput."},
			{ID: 86, Name: "applications", TFName: "applications", APIName: "APPLICATIONS", Label: "Applications",
				Kind: ReadOnly, Type: "int",
				Description: "Number of applications."},
			{ID: 87, Name: "qps", TFName: "qps", APIName: "QUERIES", Label: "Queries per Second",
				Kind: ReadOnly, Type: "int",
				Description: "Queries per second."},
			{ID: 88, Name: "healthChecks", TFName: "health_checks", APIName: "HEALTH", Label: "Health Checks",
				Kind: ReadOnly, Type: "int",
				Description: "Number of health checks."},
		},
	},
	{
		// Absent from the incumbent: key and names are ours (see 211).
		ID: 212, Key: "fortiDLP", TFCode: "FORTIDLP", Name: "FortiDLP",
		FormFactor: Cloud,
		Params: []Param{
			{ID: 90, Name: "service", TFName: "service_pkg", Label: "Service Package",
				Kind: Single, Type: "str", Choices: []string{"DLPSTD", "DLPENT", "DLPENTP"}, Required: true,
				Description: "Service package."},
			{ID: 91, Name: "endpoints", TFName: "endpoints", Label: "Number of Endpoints",
				Kind: Numeric, Type: "int", Min: ptr(25), Max: ptr(100000), Required: true,
				Description: "Number of endpoints."},
			{ID: 92, Name: "addons", TFName: "addons", Label: "Add-ons",
				Kind: Multi, Type: "list", Choices: []string{"BPS"}, Default: NONE,
				Description: "Add-ons.",
				note:        "Once enabled, BPS must stay enabled for at least 90 consecutive days."},
		},
	},
}

// throughputSet is the FortiWeb Cloud throughput list (spec §7.2, ids 32 and
// 34): 10, 25, 50, 75, 100, then steps of 50 to 500, of 100 to 1000 and of
// 500 to 10000, starting at first.
func throughputSet(first int) []int {
	all := []int{10, 25, 50, 75}
	for v := 100; v <= 500; v += 50 {
		all = append(all, v)
	}
	for v := 600; v <= 1000; v += 100 {
		all = append(all, v)
	}
	for v := 1500; v <= 10000; v += 500 {
		all = append(all, v)
	}
	out := all[:0:0]
	for _, v := range all {
		if v >= first {
			out = append(out, v)
		}
	}
	return out
}

// choiceDescriptions are the human descriptions of codes given by the spec
// (§7.3 "Human descriptions", §7.2 notes). Codes without one are left out.
var choiceDescriptions = map[string]string{
	"FC":           "FortiCare Premium",
	"UTP":          "Unified Threat Protection",
	"ENT":          "Enterprise",
	"ATP":          "Advanced Threat Protection",
	"FC247":        "FortiCare Premium 24x7",
	"ASET":         "FortiCare Elite",
	"FGTFCELU":     "FortiCare Elite upgrade",
	"BPS":          "FortiCare Best Practice",
	"FAZFC247":     "FortiCare Premium",
	"FCTFC247":     "FortiCare Premium",
	"FNCFC247":     "FortiCare Premium",
	"FDVFC247":     "FortiCare Premium",
	"FGHWFCEL":     "FortiCare Elite",
	"FAPHWFCEL":    "FortiCare Elite",
	"FSWHWFCEL":    "FortiCare Elite",
	"FGHWFCESN":    "FortiCare Essential",
	"FGTFCSS":      "FortiConverter",
	"FGHWFCSS":     "FortiConverter",
	"FSRE":         "SOAR Enterprise",
	"FSRM":         "SOAR MT manager",
	"FSRD":         "SOAR MT tenant, single user",
	"FSRR":         "SOAR MT tenant, multi user",
	"FMLBASE":      "FortiMail base bundle",
	"FMLATP":       "FortiMail ATP bundle",
	"FRNEASM":      "External Attack Surface Monitoring",
	"FRNEASMBP":    "External Attack Surface Monitoring + Brand Protect",
	"FRNEASMBPACI": "External Attack Surface Monitoring + Brand Protect + Adversary Centric Intelligence",
	"FSASESTD":     "Standard",
	"FSASEADV":     "Advanced",
	"FSASECOM":     "Comprehensive",
	"FEDRPDR":      "Discover/Protect/Respond",
	"FEDRXDR":      "XDR",
	"UCWAF":        "Cloud WAF",
	"UCGSLB":       "Cloud GSLB",
}
