// `openhouse encore list|brief|submit|review`: the encore assignments of an event, from the
// lead's and the reviewers' side (README, "Encore assignments"). Each act is checked by
// core/decisions/encore.hpp, written to the central record as the program team's record
// (audited, ids only), pushed to a PostgreSQL central as well, and the decision is shown as
// the rules make it again.
#include <fmt/format.h>

#include <iostream>

#include "core/decisions/encore.hpp"
#include "core/model/ids.hpp"
#include "core/slots/issuing.hpp"
#include "core/text/email.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct EncoreOptions {
    std::string who;  // the intern's e-mail, or the encore's id (or its first 8 characters)
    std::string event, central;
    std::string text, metric, due, reviewer;  // brief
    std::string link, note;                   // submit
    std::vector<std::string> levels;          // review: key=level
    bool all = false;                         // list: decided ones too
};

std::string nameOf(Store& central, const std::string& attendeeId) {
    if (attendeeId.empty()) return "(none yet)";
    const auto a = central.attendee(attendeeId);
    return a ? terminalSafe(a->fullName) : attendeeId.substr(0, 8);
}

// The event's decisions carrying an encore, as the rules make them now.
std::vector<Decision> encoreDecisions(Context& ctx, Store& central, const Event& event) {
    std::vector<Decision> out;
    for (auto& d : eventDecisions(central, event.id, ctx.config.conversion, nowMillis()))
        if (d.encore) out.push_back(std::move(d));
    return out;
}

Decision findEncore(Context& ctx, Store& central, const Event& event, const std::string& who) {
    const std::string email = normalizeEmail(who);
    for (auto& d : encoreDecisions(ctx, central, event)) {
        const bool byId = who.size() >= 8 && d.encore->id.rfind(who, 0) == 0;
        if (byId || (!d.email.empty() && d.email == email)) return d;
    }
    throw CommandError(kUsage, "no encore for " + terminalSafe(who) +
                                   " (an intern's e-mail or an encore id from 'openhouse encore "
                                   "list')");
}

std::string staffId(Store& central, const Event& event, const std::string& email) {
    const auto a = central.attendeeByEmail(event.id, normalizeEmail(email));
    if (!a || (a->role != Role::Staff && a->role != Role::Lead))
        throw CommandError(kUsage, "a reviewer is a staff member or lead on the roster of " +
                                       terminalSafe(event.name));
    return a->id;
}

void printDecision(const Decision& d) {
    std::cout << fmt::format("  {} · {} · {} · {}\n", terminalSafe(d.internName),
                             terminalSafe(d.showcaseTitle), outcomeName(d.outcome),
                             terminalSafe(d.rule));
}

void runList(Context& ctx, const EncoreOptions& o) {
    auto central = ctx.openCentral();
    const Event event = ctx.resolveEvent(central, o.event);
    const auto decisions = encoreDecisions(ctx, central, event);
    int shown = 0;
    for (const auto& d : decisions) {
        const bool open = d.outcome == Outcome::Encore;
        if (!open && !o.all) continue;
        const EncoreAssignment& a = *d.encore;
        std::cout << fmt::format("{}  {}  {}  due {}  reviewer {}\n", a.id.substr(0, 8),
                                 encoreStateName(d.encoreState), terminalSafe(d.email),
                                 isoDayUtc(a.dueAt), nameOf(central, a.reviewerId));
        std::cout << "  brief: " << terminalSafe(a.brief) << "\n";
        printDecision(d);
        ++shown;
    }
    if (shown == 0)
        std::cout << (o.all ? "no encores at " : "no open encores at ") << terminalSafe(event.name)
                  << "\n";
}

// Saves an act's assignment, audits it, pushes it, and shows the decision it leads to.
void saveAct(Context& ctx, const EncoreOptions& o, Store& central, const Event& event,
             const EncoreActResult& r, const char* action) {
    if (r.status != EncoreActStatus::Done)
        throw CommandError(kUsage, r.message + " (" + encoreActStatusName(r.status) + ")");
    const std::int64_t before = lastOutboxSeq(central);
    {
        sql::Transaction tx(central.db());
        central.saveEncore(r.assignment);
        central.audit("cli", action, r.assignment.id, encoreStateName(r.assignment.state));
        tx.commit();
    }
    pushProgramRecords(ctx, o.central, central, before);
    std::cout << r.assignment.id.substr(0, 8) << ": " << terminalSafe(r.message) << "\n";
    printDecision(findEncore(ctx, central, event, r.assignment.id));
}

void runBrief(Context& ctx, const EncoreOptions& o) {
    auto central = ctx.openCentral();
    const Event event = ctx.resolveEvent(central, o.event);
    const Decision d = findEncore(ctx, central, event, o.who);
    EncoreBrief change;
    if (!o.text.empty()) change.brief = o.text;
    if (!o.metric.empty()) change.metric = o.metric;
    if (!o.reviewer.empty()) change.reviewerId = staffId(central, event, o.reviewer);
    if (!o.due.empty()) {
        const auto due = parseIsoTime(o.due);
        if (!due) throw CommandError(kUsage, "--due takes a date such as 2026-12-20");
        // A bare date is due at the end of that day (UTC).
        change.dueAt = (*due + (o.due.size() == 10 ? 24 * 3600 - 1 : 0)) * 1000;
    }
    saveAct(ctx, o, central, event, briefEncore(*d.encore, change, nowMillis()), "encore.brief");
}

void runSubmit(Context& ctx, const EncoreOptions& o) {
    if (o.link.empty() == o.note.empty())
        throw CommandError(kUsage, "give the work with --link URL or --note TEXT (one of them)");
    auto central = ctx.openCentral();
    const Event event = ctx.resolveEvent(central, o.event);
    const Decision d = findEncore(ctx, central, event, o.who);
    const std::string work = o.link.empty() ? o.note : o.link;
    saveAct(ctx, o, central, event, submitEncore(*d.encore, work, nowMillis()), "encore.submit");
}

ScoreSheet reviewSheet(const std::vector<std::string>& levels) {
    ScoreSheet sheet;
    for (const std::string& item : levels) {
        const auto eq = item.find('=');
        int level = 0;
        try {
            level = eq == std::string::npos ? 0 : std::stoi(item.substr(eq + 1));
        } catch (const std::exception&) {
            level = 0;
        }
        if (eq == std::string::npos || level < 1 || level > kRubricLevels)
            throw CommandError(kUsage,
                               "--level takes CRITERION=LEVEL with a level from 1 to 5, "
                               "e.g. --level impact=4");
        sheet.levels[item.substr(0, eq)] = level;
    }
    return sheet;
}

void runReview(Context& ctx, const EncoreOptions& o) {
    auto central = ctx.openCentral();
    const Event event = ctx.resolveEvent(central, o.event);
    const Decision d = findEncore(ctx, central, event, o.who);
    const auto rubric =
        encoreReviewRubric(ctx.config.judging.rubric, ctx.config.judging.encoreReviewCriteria);
    if (!rubric) throw CommandError(kUsage, "judging.encore_review_criteria is not the rubric's");
    const std::string reviewer = staffId(central, event, o.reviewer);
    saveAct(ctx, o, central, event,
            reviewEncore(*d.encore, *rubric, reviewSheet(o.levels), reviewer, nowMillis()),
            "encore.review");
}

void commonOptions(CLI::App* cmd, EncoreOptions& o, bool needsWho) {
    if (needsWho)
        cmd->add_option("who", o.who, "The intern's e-mail or the encore's id (8 characters)")
            ->required();
    cmd->add_option("--event", o.event, "Event id (default: the only event)");
    if (needsWho)
        cmd->add_option("--central", o.central,
                        "A PostgreSQL central to write to as well (default: $OPENHOUSE_CENTRAL, "
                        "then the configuration's sync.central)");
}

}  // namespace

void addEncoreCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EncoreOptions>();
    auto* encore = app.add_subcommand(
        "encore", "Encore assignments: list them, brief one, record the work, review it");
    encore->require_subcommand(1);

    auto* list = encore->add_subcommand("list", "The event's open encores (--all: decided too)");
    commonOptions(list, *o, false);
    list->add_flag("--all", o->all, "Also the encores already decided");
    list->callback([&ctx, o] { runList(ctx, *o); });

    auto* brief = encore->add_subcommand(
        "brief", "Edit an encore before its submission: the brief, metric, due date, reviewer");
    commonOptions(brief, *o, true);
    brief->add_option("--text", o->text, "What the intern should show");
    brief->add_option("--metric", o->metric, "The live metric it should move");
    brief->add_option("--due", o->due, "The due date, e.g. 2026-12-20 (end of that day, UTC)");
    brief->add_option("--reviewer", o->reviewer, "The reviewer's e-mail (staff or lead)");
    brief->callback([&ctx, o] { runBrief(ctx, *o); });

    auto* submit = encore->add_subcommand("submit", "Record the intern's work, by the due date");
    commonOptions(submit, *o, true);
    submit->add_option("--link", o->link, "A link to the work");
    submit->add_option("--note", o->note, "A note on the work");
    submit->callback([&ctx, o] { runSubmit(ctx, *o); });

    auto* review = encore->add_subcommand(
        "review", "Review a submitted encore on the rubric; the rules then decide it again");
    commonOptions(review, *o, true);
    review->add_option("--reviewer", o->reviewer, "The reviewer's e-mail")->required();
    review->add_option("--level", o->levels, "CRITERION=LEVEL (1-5), once per criterion")
        ->required();
    review->callback([&ctx, o] { runReview(ctx, *o); });
}

}  // namespace oh::cli
