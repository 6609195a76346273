#pragma once
// Process-wide DICOM network preparation shared by listener and clients.
#include <map>
#include <string>
#include <vector>

namespace countyread::dicom {

// Sets TCP_NODELAY for DCMTK (else ~40 ms per instance), registers codecs; idempotent.
void prepareDicomNetworking();

// SOP class UID -> transfer syntaxes the county accepts (storage classes + verification).
const std::map<std::string, std::vector<std::string>>& acceptedContexts();
// Patient Root and Study Root FIND, MOVE and GET -> transfer syntaxes (uncompressed).
// Together with acceptedContexts() at most 128 entries: one SCP association profile.
const std::map<std::string, std::vector<std::string>>& queryRetrieveContexts();

// True when a TCP socket is listening on `port` on this machine.
bool portIsListening(int port);
// True when nothing else listens on `port` (tries to bind it).
bool portIsFree(int port);

}  // namespace countyread::dicom
