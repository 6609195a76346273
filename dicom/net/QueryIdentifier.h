#pragma once
// Internal to dicom/net (DCMTK types allowed here only): Query/Retrieve identifiers to and
// from the domain's QueryRequest / QueryMatch.
#include <dcmtk/dcmdata/dctk.h>

#include <optional>
#include <string>

#include "dicom/query/QueryTypes.h"

namespace countyread::dicom::detail {

enum class QrService { Find, Move, Get };

// The information model of a Query/Retrieve SOP class, or nullopt for another class.
std::optional<QueryModel> queryModelOf(const std::string& sop_class_uid);

// Decodes the identifier to UTF-8 (from its Specific Character Set; undeclared non-ASCII text
// is taken as UTF-8 when it is valid UTF-8, else as GB18030) and reads the level and keys.
// Returns 0 or a failure status (A900, C000) with `error` saying why. C-MOVE and C-GET also
// need the unique key of their level.
Uint16 parseIdentifier(DcmDataset& identifier, QueryModel model, QrService service,
                       QueryRequest& request, std::string& error);

// The C-FIND response identifier: every requested key (empty when the match has no value),
// Query/Retrieve Level, Retrieve AE Title and Specific Character Set ISO_IR 192 (UTF-8).
void buildResponse(DcmDataset& response, const QueryRequest& request, const QueryMatch& match,
                   const std::string& retrieve_ae);

// A status detail dataset carrying Error Comment (cut to 64 characters).
void setErrorComment(DcmDataset& detail, const std::string& comment);

}  // namespace countyread::dicom::detail
