// The PostgreSQL schema steps, one constant each, defined across the
// central_pg_schema*.cpp files (one file per group of steps, so no file
// grows without bound). Private to core/: use centralPgMigrations().
#pragma once

#include <string_view>

namespace oh::pg_steps {

extern const std::string_view kPgStep1;  // tables
extern const std::string_view kPgStep2;  // sync functions
extern const std::string_view kPgStep3;  // privileges, row-level security
extern const std::string_view kPgStep4;  // feed row as the idempotency record
extern const std::string_view kPgStep5;  // oh_push without scratch tables
extern const std::string_view kPgStep6;  // check-ins read from the feed
extern const std::string_view kPgStep7;  // a check-in's fields typed by one JSON parse
extern const std::string_view kPgStep8;  // same-millisecond edits of a person: fields decide
extern const std::string_view kPgStep9;  // a person registered twice: the newest fields
extern const std::string_view kPgStep10;  // who may push what: device roles bound by the owner

}  // namespace oh::pg_steps
