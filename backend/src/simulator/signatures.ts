/**
 * The IDS signature catalogue: a few hundred benign-but-noisy Snort/ET-style signatures, grouped
 * by who fires them, plus the signatures only injected incidents use. Fixed (no randomness):
 * names are built from prefix × subject lists, so the catalogue is the same for every seed.
 */

export type SignatureGroup = 'inbound_web' | 'laptop' | 'server' | 'incident';

export interface Signature {
  id: number;
  name: string;
  category: string;
  group: SignatureGroup;
  protocol: 'tcp' | 'udp' | 'icmp';
  /** Destination ports the signature is seen on. */
  ports: number[];
  /** Whether the destination is inside (10.x) or on the internet. */
  destination: 'internal' | 'external';
  priority: 1 | 2 | 3;
}

function numbered(stem: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${stem} ${i + 1}`);
}

interface Family {
  prefix: string;
  category: string;
  protocol: Signature['protocol'];
  ports: number[];
  destination: Signature['destination'];
  priority: Signature['priority'];
  subjects: string[];
}

const INBOUND_WEB: Family[] = [
  { prefix: 'ET WEB_SERVER', category: 'Web Application Attack', protocol: 'tcp', ports: [80, 443], destination: 'internal', priority: 1,
    subjects: ['Possible SQL Injection Attempt UNION SELECT', 'Script tag in URI Possible Cross Site Scripting Attempt', 'Possible CVE-2014-6271 Attempt in Headers', 'WebShell Generic eval of base64_decode', 'Possible XXE SYSTEM ENTITY in POST BODY', 'SELECT USER SQL Injection Attempt in URI', 'Onmouseover= in URI - Likely Cross Site Scripting Attempt', 'Possible Directory Traversal Attempt', 'PHP tags in HTTP POST', 'Exploit Suspected PHP Injection Attack', 'ColdFusion administrator access', 'Possible SQLi xp_cmdshell POST body', 'Suspicious Chmod Usage in URI', 'cmd.exe In URI - Possible Command Execution Attempt', 'Possible Cross Site Scripting Attempt Against SolarWinds', 'HTTP POST Generic eval of base64_decode', 'Possible bash Shell Piped to dev tcp Inbound', 'Java Deserialization Attempt in HTTP Request', 'Apache Struts OGNL Expression Injection', 'Possible Log4j JNDI Lookup in URI', 'Possible Spring4Shell Exploit Attempt', 'Tomcat Manager Login Attempt', 'WordPress xmlrpc.php system.multicall', 'PHPUnit eval-stdin.php Remote Code Execution', 'Possible Remote File Inclusion Attempt'] },
  { prefix: 'ET SCAN', category: 'Attempted Information Leak', protocol: 'tcp', ports: [80, 443, 8080], destination: 'internal', priority: 2,
    subjects: ['Nikto Web App Scan in Progress', 'Sqlmap SQL Injection Scan', 'Nmap Scripting Engine User-Agent Detected', 'Possible Nmap User-Agent Observed', 'Acunetix Version 6 Crawl/Scan Detected', 'Hydra User-Agent', 'ZmEu Scanner User-Agent Inbound', 'Wordpress Scanner Detected', 'DirBuster Web App Scan in Progress', 'Zgrab Scanner User-Agent', 'Masscan Scanner User-Agent', 'Nuclei Vulnerability Scanner User-Agent', 'Possible WebDAV Scan', 'Suspicious User-Agent Containing .exe', 'Paros Proxy Scanner Detected', 'Httprint Web Server Fingerprint Scan', 'w3af User Agent', 'OpenVAS User-Agent Inbound', 'Netsparker Default User-Agent', 'Possible .git Directory Enumeration'] },
  { prefix: 'ET WEB_SPECIFIC_APPS', category: 'access to a potentially vulnerable web application', protocol: 'tcp', ports: [80, 443], destination: 'internal', priority: 2,
    subjects: ['phpMyAdmin setup.php access', 'Joomla Component SQL Injection Attempt', 'Drupal Core Remote Code Execution', 'vBulletin widgetConfig RCE', 'Magento Shoplift Exploit', 'Atlassian Confluence OGNL Injection', 'Citrix ADC Directory Traversal', 'F5 BIG-IP iControl REST Auth Bypass', 'Fortinet FortiOS SSL VPN Path Traversal', 'Exchange Server ProxyShell Attempt', 'GitLab ExifTool RCE Attempt', 'Jenkins Script Console Access', 'Oracle WebLogic Deserialization Attempt', 'ThinkPHP RCE Exploitation Attempt', 'Zyxel Unauthenticated Command Injection'] },
  { prefix: 'GPL SCAN', category: 'Detection of a Network Scan', protocol: 'tcp', ports: [22, 23, 3389, 3306, 5432, 1433], destination: 'internal', priority: 2,
    subjects: ['SYN FIN Scan', 'NULL Scan', 'XMAS Scan', 'Potential SSH Scan', 'Potential VNC Scan 5900-5920', 'Suspicious inbound to mySQL port 3306', 'Suspicious inbound to PostgreSQL port 5432', 'Suspicious inbound to MSSQL port 1433', 'Potential Telnet Scan', 'RDP Connection Attempt from External'] },
  { prefix: 'ET DOS', category: 'Attempted Denial of Service', protocol: 'tcp', ports: [80, 443], destination: 'internal', priority: 2,
    subjects: ['Possible Slowloris Attack', 'HTTP GET Flood Inbound', 'Excessive SYN to Web Port', 'Possible NTP DDoS Inbound Frequent Un-Authed MON_LIST', 'Possible Memcached DDoS Amplification Inbound'] },
  { prefix: 'ET COMPROMISED', category: 'Misc Attack', protocol: 'tcp', ports: [80, 443, 22], destination: 'internal', priority: 2,
    subjects: [...numbered('Known Compromised or Hostile Host Traffic group', 30), ...numbered('ET CINS Active Threat Intelligence Poor Reputation IP group', 30), ...numbered('ET DROP Dshield Block Listed Source group', 20)] },
];

const LAPTOP: Family[] = [
  { prefix: 'ET POLICY', category: 'Potential Corporate Privacy Violation', protocol: 'tcp', ports: [443, 80], destination: 'external', priority: 1,
    subjects: ['Dropbox.com Offsite File Backup in Use', 'Google Drive File Sync', 'WeTransfer File Upload', 'TeamViewer Keep-alive Outbound', 'AnyDesk Remote Desktop Software User-Agent', 'Spotify P2P Client', 'BitTorrent DHT ping request', 'Tor Browser Download', 'Pastebin-style Service (pastebin.com) in TLS SNI', 'Steam Client Connection', 'Discord Domain in DNS Lookup', 'Telegram API Domain in DNS Lookup', 'LogMeIn Remote Access Domain', 'ngrok Tunneling Service Domain', 'Zoom Client Update Check'] },
  { prefix: 'ET INFO', category: 'Misc activity', protocol: 'tcp', ports: [443, 80, 53], destination: 'external', priority: 3,
    subjects: [...['top', 'xyz', 'ru', 'cn', 'biz', 'info', 'icu', 'online', 'shop', 'live', 'click', 'link'].map((tld) => `Observed DNS Query to .${tld} TLD`), 'HTTP Request to a .club domain', 'Packed Executable Download', 'Executable Download from dotted-quad Host', 'PS1 Powershell File Request', 'Windows OS Submitting USB Metadata to Microsoft', 'Observed Google DNS over HTTPS Domain in TLS SNI', 'Session Traversal Utilities for NAT (STUN Binding Request)', 'Dotted Quad Host DLL Request', 'Python-urllib User-Agent Outbound', 'GNU/Linux APT User-Agent Outbound', 'Microsoft net.tcp Connection Initialization Activity', 'Terse Request for .txt - Likely Hostile', 'JAVA - Java Archive Download', 'Suspicious Mozilla User-Agent - Likely Fake', 'External IP Address Lookup Domain (ipify .org)', 'Observed Cloudflare DNS over HTTPS Domain in TLS SNI', 'Possible Chrome Plugin install', 'HTTP Request to Suspicious *.site Domain'] },
  { prefix: 'ET USER_AGENTS', category: 'A Network Trojan was detected', protocol: 'tcp', ports: [80, 443], destination: 'external', priority: 1,
    subjects: ['Suspicious User Agent (Microsoft Internet Explorer)', 'Go HTTP Client User-Agent', 'Suspicious User-Agent (Windows Update)', 'Mozilla User-Agent (Mozilla/5.0) Inbound Likely Fake', 'Suspicious User-Agent (agent)', 'Observed Suspicious UA (easyhttp client)', 'Suspicious User-Agent (Winhttp)', 'Suspicious user agent (Google page)'] },
  { prefix: 'GPL ICMP_INFO', category: 'Misc activity', protocol: 'icmp', ports: [0], destination: 'external', priority: 3,
    subjects: ['PING *NIX', 'PING Windows', 'Destination Unreachable Port Unreachable', 'Echo Reply', 'Time-To-Live Exceeded in Transit', 'PING BSDtype', 'Destination Unreachable Host Unreachable'] },
  { prefix: 'ET DNS', category: 'Potentially Bad Traffic', protocol: 'udp', ports: [53], destination: 'external', priority: 2,
    subjects: ['Query for .to TLD', 'Query for .cc TLD', 'Query for .su TLD', 'Query to a *.pw domain - Likely Hostile', 'Non-DNS or Non-Compliant DNS traffic on DNS port Opcode 8 through 15 set', 'Excessive NXDOMAIN responses', 'Query to a .tk domain - Likely Hostile', 'Query for .onion proxy Domain'] },
  { prefix: 'ET GAMES', category: 'Potential Corporate Privacy Violation', protocol: 'tcp', ports: [443, 27015], destination: 'external', priority: 3,
    subjects: ['Steam Connection', 'Blizzard Battle.net Connection', 'Riot Games Client Connection', 'Epic Games Launcher', 'Minecraft Server Connection'] },
];

const SERVER: Family[] = [
  { prefix: 'GPL SQL', category: 'Attempted User Privilege Gain', protocol: 'tcp', ports: [3306, 5432, 1433], destination: 'internal', priority: 2,
    subjects: ['MySQL root login attempt', 'PostgreSQL password authentication failed', 'sa login failed', 'MySQL show databases attempt', 'xp_reg_read possible buffer overflow', 'Oracle DBMS_JAVA access'] },
  { prefix: 'ET POLICY', category: 'Potential Corporate Privacy Violation', protocol: 'tcp', ports: [22, 21, 445, 3389, 5985], destination: 'internal', priority: 2,
    subjects: ['SSH session in progress on Expected Port', 'SSH Client Banner Detected on Unusual Port', 'SMB2 NT Create AndX Request For a DLL File', 'RDP connection confirm', 'PE EXE or DLL Windows file download HTTP', 'Outgoing Basic Auth Base64 HTTP Password detected unencrypted', 'Cleartext WordPress Login', 'FTP Login Successful', 'SNMP public access udp', 'Possible Outbound SMB Connection', 'curl User-Agent Outbound', 'Wget User-Agent Outbound', 'Python Requests User-Agent Outbound', 'Docker Registry API Access', 'Kubernetes API Server Access'] },
  { prefix: 'ET INFO', category: 'Not Suspicious Traffic', protocol: 'tcp', ports: [443, 80, 8443, 9200], destination: 'external', priority: 3,
    subjects: ['NTP Server Query', 'AWS S3 Bucket Access', 'Azure Blob Storage Access', 'Google Cloud Storage Access', 'Elasticsearch HTTP Request', 'TLS Handshake Failure', 'Self Signed Certificate Observed', 'Certificate Expired', 'Let\'s Encrypt Certificate Observed', 'Backblaze B2 Storage Access', 'Package Repository Request (deb)', 'Package Repository Request (rpm)', 'PyPI Package Download', 'npm Registry Package Download', 'Maven Central Artifact Download'] },
  { prefix: 'GPL NETBIOS', category: 'Generic Protocol Command Decode', protocol: 'tcp', ports: [139, 445], destination: 'internal', priority: 3,
    subjects: ['SMB IPC$ unicode share access', 'SMB-DS IPC$ share access', 'NT NULL session', 'SMB ADMIN$ unicode share access', 'DCERPC NCACN-IP-TCP srvsvc NetrShareEnum'] },
  { prefix: 'ET SMTP', category: 'Misc activity', protocol: 'tcp', ports: [25, 587], destination: 'external', priority: 3,
    subjects: ['Large Number of Recipients in Message', 'Outbound SMTP AUTH LOGIN', 'Mail From Null Sender', 'Possible Spam Outbound Bulk Mail', 'Outbound Mail Relay Response Slow', 'STARTTLS Downgrade Observed', 'Message with HTML Attachment'] },
  { prefix: 'GPL RPC', category: 'Decode of an RPC Query', protocol: 'udp', ports: [111, 2049], destination: 'internal', priority: 3,
    subjects: ['portmap listing UDP 111', 'portmap NFS request UDP', 'mountd UDP export request', 'rstatd query', 'portmap status request UDP'] },
];

/** Signatures only injected incidents fire: never part of the benign noise. */
const INCIDENT: Family[] = [
  { prefix: 'ET SCAN', category: 'Detection of a Network Scan', protocol: 'tcp', ports: [445, 3389, 22], destination: 'internal', priority: 1,
    subjects: ['Internal Host Potential SMB Scan', 'Internal Host Multiple Port Scan', 'Behavioral Unusual Port 445 traffic Potential Scan or Infection', 'Internal Host RDP Sweep'] },
  { prefix: 'ET EXPLOIT', category: 'Attempted Administrator Privilege Gain', protocol: 'tcp', ports: [445], destination: 'internal', priority: 1,
    subjects: ['Possible ETERNALBLUE Probe MS17-010', 'Possible Zerologon NetrServerReqChallenge', 'PrintNightmare RpcAddPrinterDriverEx Attempt'] },
  { prefix: 'ET ATTACK_RESPONSE', category: 'Successful Administrator Privilege Gain', protocol: 'tcp', ports: [445, 5985], destination: 'internal', priority: 1,
    subjects: ['Windows LMHosts File Download', 'Possible Mimikatz Credential Dump Output'] },
  { prefix: 'ET LATERAL', category: 'Attempted User Privilege Gain', protocol: 'tcp', ports: [445, 3389, 5985, 22, 135], destination: 'internal', priority: 1,
    subjects: ['PsExec Service Creation via SMB', 'WinRM Remote Shell Creation', 'Impacket WMIExec Activity', 'DCERPC SVCCTL Remote Service Create', 'SMB Executable File Transfer to ADMIN$'] },
  { prefix: 'ET RECON', category: 'Attempted Information Leak', protocol: 'tcp', ports: [389, 88, 445, 161], destination: 'internal', priority: 1,
    subjects: ['LDAP Domain Enumeration Query', 'Kerberos AS-REQ Roasting Attempt', 'SNMP Walk Internal', 'SMB Share Enumeration Internal'] },
  { prefix: 'ET MALWARE', category: 'A Network Trojan was detected', protocol: 'tcp', ports: [443, 8443], destination: 'external', priority: 1,
    subjects: ['Cobalt Strike Beacon Observed', 'Generic CnC Beacon Pattern'] },
  { prefix: 'ET EXPLOIT_KIT', category: 'Executable code was detected', protocol: 'tcp', ports: [80], destination: 'internal', priority: 1,
    subjects: ['Suspicious PowerShell Download Cradle'] },
  { prefix: 'ET TROJAN', category: 'Device Retrieving External IP Address Detected', protocol: 'tcp', ports: [80, 443], destination: 'external', priority: 2,
    subjects: ['External IP Lookup from Internal Scanner'] },
  { prefix: 'ET DOS', category: 'Attempted Denial of Service', protocol: 'udp', ports: [53, 123], destination: 'internal', priority: 2,
    subjects: ['Internal Host DNS Amplification Probe'] },
  { prefix: 'ET INFO', category: 'Detection of a non-standard protocol or event', protocol: 'tcp', ports: [4444, 8888], destination: 'internal', priority: 2,
    subjects: ['Non-Standard Port Shell Session'] },
  { prefix: 'ET WEB_SERVER', category: 'Web Application Attack', protocol: 'tcp', ports: [80, 8080], destination: 'internal', priority: 1,
    subjects: ['Internal Host SQL Injection Probe'] },
  { prefix: 'ET POLICY', category: 'Suspicious Login', protocol: 'tcp', ports: [22, 3389], destination: 'internal', priority: 1,
    subjects: ['Brute Force Login Attempts Internal'] },
];

function build(): Signature[] {
  const out: Signature[] = [];
  const groups: Array<[SignatureGroup, Family[]]> = [['inbound_web', INBOUND_WEB], ['laptop', LAPTOP], ['server', SERVER], ['incident', INCIDENT]];
  for (const [group, families] of groups) {
    for (const f of families) {
      for (const subject of f.subjects) {
        const name = subject.startsWith('ET ') || subject.startsWith('GPL ') ? subject : `${f.prefix} ${subject}`;
        out.push({ id: 2000000 + out.length + 1, name, category: f.category, group, protocol: f.protocol, ports: f.ports, destination: f.destination, priority: f.priority });
      }
    }
  }
  return out;
}

/** Every signature, in a fixed order; ids are 2000001, 2000002, … */
export const SIGNATURES: readonly Signature[] = build();

export function signaturesOf(group: SignatureGroup): Signature[] {
  return SIGNATURES.filter((s) => s.group === group);
}

/** The signature the benign fleet-wide rule update adds (fires on every host once enabled). */
export const FLEET_RULE_UPDATE_SIGNATURE: Signature = {
  id: 2100001,
  name: 'ET INFO Observed Certificate Transparency Log Query (ct.googleapis.com in TLS SNI)',
  category: 'Not Suspicious Traffic',
  group: 'server',
  protocol: 'tcp',
  ports: [443],
  destination: 'external',
  priority: 3,
};
