#pragma once
// One line of the worklist as the server reports it (GET /api/v1/studies).
#include <string>

namespace countyread::viewer {

struct StudyRow {
    std::string study_uid;
    std::string patient_name;  // UTF-8
    std::string patient_id;
    std::string patient_sex;
    std::string patient_birth_date;  // YYYYMMDD
    std::string study_date;          // YYYYMMDD
    std::string study_time;
    std::string study_description;
    std::string modality;
    std::string township;       // code
    std::string township_name;  // UTF-8 display name
    std::string state;          // received, assigned, in_reading, signed, delivered
    std::string assigned_to;
    std::string received_at;  // ISO 8601
    int instances = 0;
    std::string priority;  // routine, urgent, emergency
};

}  // namespace countyread::viewer
