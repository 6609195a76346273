#pragma once
// What the DICOM listener asks of the application for Query/Retrieve (C-FIND, C-MOVE, C-GET).
// The listener speaks DICOM (identifiers, character sets, statuses, sub-operations); the
// handler decides what exists and who may see it, in domain terms.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dicom/model/DicomFile.h"
#include "dicom/query/QueryTypes.h"

namespace countyread::dicom {

// One instance to send in a C-MOVE or C-GET sub-operation, read only when it is sent.
struct OutgoingInstance {
    std::string sop_class_uid;
    std::string sop_instance_uid;
    std::string transfer_syntax_uid;  // of the stored file
    std::function<Bytes()> read;      // the Part 10 file
};

// Thrown by a handler to answer with a particular DIMSE failure status and comment.
struct QueryRefused : std::runtime_error {
    QueryRefused(uint16_t code, const std::string& why) : std::runtime_error(why), status(code) {}
    uint16_t status;
};

class IQueryHandler {
public:
    virtual ~IQueryHandler() = default;
    // C-FIND: the matches at request.level; values for the keys the request asks for (absent
    // ones are returned empty). UTF-8 throughout.
    virtual std::vector<QueryMatch> find(const QueryRequest& request) = 0;
    // C-MOVE / C-GET: the instances the request selects (request.level and its unique keys).
    virtual std::vector<OutgoingInstance> retrieve(const QueryRequest& request) = 0;
};

}  // namespace countyread::dicom
