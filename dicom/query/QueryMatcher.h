#pragma once
// Attribute matching of PS3.4 C.2.2.2 on UTF-8 values (pure: no DCMTK, no database).
//
//   ""  or "*"            universal: everything matches
//   "1.2.3\1.2.4"         UID list (UI): any of the UIDs
//   "张*", "?伟", "Z*g"   wildcards: * any run of characters, ? exactly one character (a code
//                         point, so one Chinese character, never one byte)
//   "20260101-20261231"   date/time range, also "A-" and "-B" (DA, TM)
//   anything else         single value
//
// Matching is case-sensitive except for PN, which ignores ASCII case and also matches a single
// component group (alphabetic, ideographic or phonetic: "Zhang^Wei=张^伟" matches "张*") and
// the group written without '^' ("张伟" matches "张^伟"). Several values in the key ("CT\MR",
// not for UI which is a UID list) match when any one of them does; a stored value with several
// values matches when any one of them does (e.g. Modalities in Study).
#include <string>
#include <string_view>

#include "dicom/query/QueryTypes.h"

namespace countyread::dicom {

// True when `value` (stored, UTF-8) matches the request `key` for an attribute of VR `vr`.
bool matchesKey(std::string_view vr, std::string_view key, std::string_view value);

// True when every matching key of `request` that `match` has a value for matches it.
// Keys for attributes the match does not carry are ignored (not supported as matching keys).
bool matchesRequest(const QueryRequest& request, const QueryMatch& match);

// Building blocks, exposed for tests and for building database pre-filters.
bool hasWildcards(std::string_view key);
bool wildcardMatch(std::string_view pattern, std::string_view value, bool ignore_ascii_case);
bool dateMatches(std::string_view key, std::string_view value);  // DA, single value or range
bool timeMatches(std::string_view key, std::string_view value);  // TM, single value or range
// "A-B" → {A, B}; "A-" → {A, ""}; "-B" → {"", B}; false when `key` is not a range.
bool splitRange(std::string_view key, std::string& from, std::string& to);

}  // namespace countyread::dicom
