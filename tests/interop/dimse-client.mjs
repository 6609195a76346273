// Independent DICOM client for the interoperability tests (dcmjs-dimse, not DCMTK).
// Usage: node dimse-client.mjs echo|store|find HOST PORT CALLING CALLED [files...|key=value...]
// Prints one JSON line: {"ok": bool, "statuses": [...], "results": [...], "error": "..."}
import dimse from 'dcmjs-dimse';

const { Client } = dimse;
if (dimse.log) dimse.log.setLevel('error');
const { CEchoRequest, CStoreRequest, CFindRequest } = dimse.requests;
const { Status } = dimse.constants;

const [op, host, port, calling, called, ...rest] = process.argv.slice(2);
const out = { ok: false, statuses: [], results: [] };
const client = new Client();
const finish = (error) => {
  if (error) out.error = String(error.message || error);
  console.log(JSON.stringify(out));
  process.exit(out.ok ? 0 : 1);
};

if (op === 'echo') {
  const req = new CEchoRequest();
  req.on('response', (rsp) => { out.statuses.push(rsp.getStatus()); out.ok = rsp.getStatus() === Status.Success; });
  client.addRequest(req);
} else if (op === 'store') {
  for (const file of rest) {
    const req = new CStoreRequest(file);
    req.on('response', (rsp) => out.statuses.push(rsp.getStatus()));
    client.addRequest(req);
  }
} else if (op === 'find') {
  const keys = Object.fromEntries(rest.map((kv) => kv.split('=')));
  const req = CFindRequest.createStudyFindRequest({
    PatientName: keys.PatientName ?? '', PatientID: keys.PatientID ?? '', StudyDate: keys.StudyDate ?? '',
    StudyInstanceUID: keys.StudyInstanceUID ?? '', ModalitiesInStudy: '', StudyDescription: '',
  });
  req.on('response', (rsp) => {
    out.statuses.push(rsp.getStatus());
    if (rsp.getStatus() === Status.Pending && rsp.hasDataset()) out.results.push(rsp.getDataset().getElements());
  });
  client.addRequest(req);
} else {
  finish(new Error(`unknown operation ${op}`));
}
client.on('associationRejected', (r) => finish(new Error(`association rejected: ${JSON.stringify(r)}`)));
client.on('networkError', (e) => finish(e));
client.on('closed', () => {
  if (op === 'store') out.ok = out.statuses.length === rest.length && out.statuses.every((s) => s === Status.Success);
  if (op === 'find') out.ok = out.statuses.at(-1) === Status.Success;
  finish();
});
client.send(host, Number(port), calling, called);
