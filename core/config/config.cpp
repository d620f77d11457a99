#include "core/config/config.hpp"
#include "core/text/edit_distance.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace oh {

namespace {

class Reader {
  public:
    Reader(const toml::table& root, std::string source) : root_(root), source_(std::move(source)) {}

    std::vector<std::string> errors;

    void text(const char* path, std::string& out,
              const std::function<const char*(const std::string&)>& check = {}) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        auto value = node.value<std::string>();
        if (!value || !node.is_string())
            return error(node.node(), path, "must be a string in quotes");
        if (check) {
            if (const char* problem = check(*value)) return error(node.node(), path, problem);
        }
        out = *value;
    }

    void integer(const char* path, int& out, int min, int max) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        auto value = node.value<std::int64_t>();
        if (!node.is_integer() || !value) return error(node.node(), path, "must be a whole number");
        if (*value < min || *value > max)
            return error(
                node.node(), path,
                ("must be between " + std::to_string(min) + " and " + std::to_string(max)).c_str());
        out = static_cast<int>(*value);
    }

    void real(const char* path, double& out, double min, double max) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        if (!node.is_floating_point() && !node.is_integer())
            return error(node.node(), path, "must be a number");
        double value = node.value<double>().value_or(0);
        // NaN compares false with everything, so the range check alone lets it through.
        if (!std::isfinite(value))
            return error(node.node(), path, "must be a finite number, not nan or inf");
        if (value < min || value > max)
            return error(node.node(), path,
                         fmt::format("must be between {} and {}", min, max).c_str());
        out = value;
    }

    const std::vector<std::string>& known() const { return known_; }

    // An array of strings.
    void texts(const char* path, std::vector<std::string>& out) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        const toml::array* list = node.as_array();
        std::vector<std::string> values;
        if (list)
            for (const toml::node& item : *list)
                if (auto v = item.value<std::string>(); v && item.is_string()) values.push_back(*v);
        if (!list || values.size() != list->size())
            return error(node.node(), path, "must be a list of strings in quotes");
        out = std::move(values);
    }

    // A table of names and numbers of at least 0 (costs).
    void amounts(const char* path, std::map<std::string, double>& out) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        const toml::table* table = node.as_table();
        if (!table) return error(node.node(), path, "must be a table of names and amounts");
        std::map<std::string, double> values;
        for (const auto& [key, value] : *table) {
            const auto amount = value.value<double>();
            if (!(value.is_integer() || value.is_floating_point()) || !amount ||
                !std::isfinite(*amount) || *amount < 0)
                return error(&value, path, "amounts must be numbers of at least 0");
            values[std::string(key.str())] = *amount;
        }
        out = std::move(values);
    }

    // [[kpis.program]]: each a name, its events and its management cost.
    void programs(const char* path, std::vector<ProgramConfig>& out) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        const toml::array* list = node.as_array();
        if (!list || !list->is_array_of_tables())
            return error(node.node(), path, "must be [[kpis.program]] tables");
        std::vector<ProgramConfig> values;
        for (const toml::node& item : *list) {
            std::optional<ProgramConfig> p = program(*item.as_table(), path);
            if (!p) return;
            values.push_back(std::move(*p));
        }
        out = std::move(values);
    }

    // [[judging.criteria]]: each table a criterion with key, title, weight and five levels.
    void criteria(const char* path, Rubric& out) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        const toml::array* list = node.as_array();
        if (!list || !list->is_array_of_tables())
            return error(node.node(), path, "must be [[judging.criteria]] tables");
        Rubric rubric;
        for (const toml::node& item : *list) {
            std::optional<Criterion> c = criterion(*item.as_table(), path);
            if (!c) return;
            rubric.criteria.push_back(std::move(*c));
        }
        if (auto problem = rubricProblem(rubric))
            return error(node.node(), path, ("is not a rubric one can score: " + *problem).c_str());
        out = std::move(rubric);
    }

    void boolean(const char* path, bool& out) {
        known_.push_back(path);
        auto node = root_.at_path(path);
        if (!node) return;
        if (!node.is_boolean()) return error(node.node(), path, "must be true or false");
        out = node.value<bool>().value_or(out);
    }

    // Typos in key names would otherwise be silently ignored.
    void rejectUnknown(const toml::table& table, const std::string& prefix) {
        for (const auto& [key, node] : table) {
            std::string path =
                prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
            // A known key whose value is a table of its own (kpis.event_costs) is read whole.
            if (std::find(known_.begin(), known_.end(), path) != known_.end()) continue;
            if (node.is_table()) {
                bool knownTable =
                    std::any_of(known_.begin(), known_.end(),
                                [&](const std::string& k) { return k.rfind(path + ".", 0) == 0; });
                if (knownTable) {
                    rejectUnknown(*node.as_table(), path);
                    continue;
                }
            } else if (std::find(known_.begin(), known_.end(), path) != known_.end()) {
                continue;
            }
            std::string message = "unknown key '" + path + "'";
            std::string best;
            std::size_t bestDistance = 4;
            for (const auto& k : known_) {
                auto d = editDistance(std::string_view(path), std::string_view(k));
                if (d < bestDistance) bestDistance = d, best = k;
            }
            if (!best.empty()) message += " (did you mean '" + best + "'?)";
            errors.push_back(where(node) + message);
        }
    }

  private:
    std::optional<ProgramConfig> program(const toml::table& t, const char* path) {
        for (const auto& [key, value] : t)
            if (key != "name" && key != "events" && key != "management_cost") {
                error(&value, path,
                      ("has an unknown key '" + std::string(key.str()) + "'").c_str());
                return std::nullopt;
            }
        ProgramConfig p;
        p.name = t["name"].value_or(std::string());
        p.managementCost = t["management_cost"].value_or(0.0);
        if (const toml::array* events = t["events"].as_array())
            for (const toml::node& e : *events) p.events.push_back(e.value_or(std::string()));
        const bool eventsOk = std::none_of(p.events.begin(), p.events.end(),
                                           [](const std::string& e) { return e.empty(); });
        if (p.name.empty() || !eventsOk || !std::isfinite(p.managementCost) ||
            p.managementCost < 0) {
            error(&t, path,
                  "needs a name, events as a list of event names or ids, and a "
                  "management_cost of at least 0");
            return std::nullopt;
        }
        return p;
    }

    std::optional<Criterion> criterion(const toml::table& t, const char* path) {
        for (const auto& [key, value] : t)
            if (key != "key" && key != "title" && key != "weight" && key != "levels") {
                error(&value, path,
                      ("has an unknown key '" + std::string(key.str()) + "'").c_str());
                return std::nullopt;
            }
        Criterion c;
        c.key = t["key"].value_or(std::string());
        c.title = t["title"].value_or(c.key);
        c.weight = t["weight"].value_or(1.0);
        const toml::array* levels = t["levels"].as_array();
        if (c.key.empty() || !levels || levels->size() != kRubricLevels) {
            error(&t, path, "needs a key and levels: five descriptions, from 1 to 5");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < kRubricLevels; ++i)
            c.levels[i] = (*levels)[i].value_or(std::string());
        return c;
    }

    std::string where(const toml::node& node) const {
        return source_ + ":" + std::to_string(node.source().begin.line) + ": ";
    }
    void error(const toml::node* node, const char* path, const char* problem) {
        errors.push_back((node ? where(*node) : source_ + ": ") + path + " " + problem);
    }

    const toml::table& root_;
    std::string source_;
    std::vector<std::string> known_;
};

const char* plainName(const std::string& v) {
    if (v.empty() || v.size() > 64) return "must be 1 to 64 characters";
    for (char c : v)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            return "may hold only letters, digits, '-' and '_' (e.g. kiosk-1)";
    return nullptr;
}

const char* centralUrl(const std::string& v) {
    if (v.rfind("sqlite:", 0) == 0 && v.size() > 7) return nullptr;
    if (v.rfind("postgresql://", 0) == 0 || v.rfind("postgres://", 0) == 0) return nullptr;
    return "must be 'sqlite:PATH' or a 'postgresql://' URL";
}

const char* pinHash(const std::string& v) {
    if (v.empty() || v.rfind("$argon2id$", 0) == 0 || v.rfind("$argon2i$", 0) == 0) return nullptr;
    return "must be a hash from 'openhouse pin-hash', never the PIN itself";
}

const char* badgeSize(const std::string& v) {
    static const char* sizes[] = {"4x3", "4x6", "a6", "cr80", "a4-8up"};
    for (const char* s : sizes)
        if (v == s) return nullptr;
    return "must be one of 4x3, 4x6, a6, cr80, a4-8up";
}

const char* keyboardPolicy(const std::string& v) {
    if (v == "auto" || v == "always" || v == "never") return nullptr;
    return "must be \"auto\", \"always\" or \"never\"";
}

const char* language(const std::string& v) {
    if (v.size() == 2 && std::islower(static_cast<unsigned char>(v[0])) &&
        std::islower(static_cast<unsigned char>(v[1])))
        return nullptr;
    return "must be a two-letter language code such as \"en\" or \"es\"";
}

const char* kioskMode(const std::string& v) {
    for (const char* mode : kKioskModes)
        if (v == mode) return nullptr;
    return "must be \"door\", \"scoring\" or \"feedback\"";
}

const char* issueMode(const std::string& v) {
    if (parseIssueMode(v)) return nullptr;
    return "must be \"immediate\", \"window\" or \"manual\"";
}

// [conversion]'s issuing keys, in seconds and minutes, into the policy's milliseconds.
void readSlotPolicy(Reader& r, SlotPolicy& p) {
    std::string mode = issueModeName(p.mode);
    r.text("conversion.issue", mode, issueMode);
    p.mode = parseIssueMode(mode).value_or(p.mode);
    int window = static_cast<int>(p.windowMs / 1000);
    r.integer("conversion.decision_window_seconds", window, 0, 24 * 3600);
    p.windowMs = std::int64_t{window} * 1000;
    r.integer("conversion.grant_size", p.grantSize, 1, 100);
    int ttl = static_cast<int>(p.grantTtlMs / 60000);
    r.integer("conversion.grant_minutes", ttl, 1, 24 * 60);
    p.grantTtlMs = std::int64_t{ttl} * 60000;
    int margin = static_cast<int>(p.reclaimMarginMs / 60000);
    r.integer("conversion.grant_reclaim_margin_minutes", margin, 0, 24 * 60);
    p.reclaimMarginMs = std::int64_t{margin} * 60000;
}

// Every key, read into `c`; the one list of keys (configKeys() replays it).
void readConfig(Reader& r, Config& c) {
    r.text("home", c.home);
    r.text("device.name", c.deviceName, plainName);
    r.text("device.event", c.eventId);
    r.text("sync.central", c.sync.central, centralUrl);
    r.integer("sync.batch_size", c.sync.batchSize, 1, 10000);
    r.integer("sync.max_backoff_seconds", c.sync.maxBackoffSeconds, 1, 3600);
    r.text("kiosk.language", c.kiosk.language, language);
    r.integer("kiosk.idle_timeout_seconds", c.kiosk.idleTimeoutSeconds, 10, 3600);
    r.text("kiosk.printer", c.kiosk.printer);
    r.text("kiosk.spool_dir", c.kiosk.spoolDir);
    r.text("kiosk.badge_size", c.kiosk.badgeSize, badgeSize);
    r.text("kiosk.lead_pin_hash", c.kiosk.leadPinHash, pinHash);
    r.text("kiosk.staff_pin_hash", c.kiosk.staffPinHash, pinHash);
    r.text("kiosk.privacy_notice", c.kiosk.privacyNotice);
    r.text("kiosk.on_screen_keyboard", c.kiosk.onScreenKeyboard, keyboardPolicy);
    r.text("kiosk.mode", c.kiosk.mode, kioskMode);
    r.integer("conversion.quorum", c.conversion.quorum, 1, 50);
    r.real("conversion.bar", c.conversion.bar, -3, 3);
    r.real("conversion.encore_margin", c.conversion.encoreMargin, 0, 3);
    r.boolean("conversion.require_impact", c.conversion.requireImpact);
    r.real("conversion.min_peer_rating", c.conversion.minPeerRating, 0, 5);
    r.integer("conversion.min_peer_count", c.conversion.minPeerCount, 0, 1000);
    r.integer("conversion.fairness_min_cell", c.conversion.fairnessMinCell, 1, 1000);
    readSlotPolicy(r, c.slots);
    r.integer("invitations.valid_before_start_hours", c.invitations.validBeforeStartHours, 0,
              24 * 60);
    r.integer("invitations.valid_after_end_hours", c.invitations.validAfterEndHours, 0, 24 * 60);
    r.boolean("judging.pin_alone", c.judging.pinAlone);
    r.integer("judging.lock_after_idle_seconds", c.judging.lockAfterIdleSeconds, 15, 3600);
    r.integer("judging.feedback_idle_seconds", c.judging.feedbackIdleSeconds, 5, 600);
    r.criteria("judging.criteria", c.judging.rubric);
    r.integer("conversion.encore_due_days", c.conversion.encoreDueDays, 1, 365);
    r.texts("judging.encore_review_criteria", c.judging.encoreReviewCriteria);
    r.text("kpis.currency", c.kpis.currency);
    r.programs("kpis.program", c.kpis.programs);
    r.amounts("kpis.event_costs", c.kpis.eventCosts);
}

// Checks across keys: the encore review's criteria are the rubric's.
void checkConfig(const Config& c, std::vector<std::string>& errors, const std::string& source) {
    for (const std::string& key : c.judging.encoreReviewCriteria) {
        const auto& cs = c.judging.rubric.criteria;
        if (std::none_of(cs.begin(), cs.end(), [&](const Criterion& k) { return k.key == key; }))
            errors.push_back(source + ": judging.encore_review_criteria names '" + key +
                             "', which is not a criterion of the rubric");
    }
}

}  // namespace

ConfigResult parseConfig(std::string_view tomlText, const std::string& sourceName) {
    ConfigResult result;
    toml::table root;
    try {
        root = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& err) {
        result.errors.push_back(sourceName + ":" + std::to_string(err.source().begin.line) + ":" +
                                std::to_string(err.source().begin.column) + ": " +
                                std::string(err.description()));
        return result;
    }
    Config c;
    Reader r(root, sourceName);
    readConfig(r, c);
    r.rejectUnknown(root, "");
    result.errors = std::move(r.errors);
    checkConfig(c, result.errors, sourceName);
    if (result.errors.empty()) result.config = std::move(c);
    return result;
}

ConfigResult loadConfig(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, {path + ": cannot read the configuration file"}};
    std::ostringstream text;
    text << in.rdbuf();
    return parseConfig(text.str(), path);
}

std::vector<std::string> configKeys() {
    toml::table empty;
    Reader r(empty, "");
    Config c;
    readConfig(r, c);
    return r.known();
}

}  // namespace oh
