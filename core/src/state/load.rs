//! Loading the performance: progressive (the map is drawn from the plan
//! and prices; the status fills it in), retried by the shell under the
//! polling policy while the failure is transient.

use super::*;

impl State {
    pub(super) fn load_started(&mut self) {
        if !matches!(self.load, Load::Ready(_)) {
            self.load = Load::Loading { retrying: None };
        }
    }

    pub(super) fn loaded(&mut self, venue: Rc<Venue>, report: Report, now_local: Rc<str>) {
        let same_performance = self.venue().is_some_and(|v| v.instance.id == venue.instance.id);
        if !same_performance {
            self.selection.clear();
            self.standing.clear();
            self.alternative = None;
            self.extra_tickets = None;
            self.highlight = Rc::from([]);
            self.focus = None;
            self.overlay.clear();
            self.held_in_basket.clear();
            self.availability = Rc::new(Availability::unknown(&venue.plan));
            self.live = Live::default();
            self.sale_instance = None;
        }
        let mut all = report;
        all.merge(&venue.plan.report);
        self.remember_problems(&all);
        self.now_local = now_local;
        self.sale = SaleState::of(&venue.instance, &self.now_local);
        self.load = Load::Ready(venue);
        self.wants.basket_read += 1;
    }

    pub(super) fn load_failed(&mut self, error: ApiError, retrying: bool) {
        if matches!(self.load, Load::Ready(_)) {
            return;
        }
        self.load = if retrying { Load::Loading { retrying: Some(error) } } else { Load::Failed(error) };
    }

    /// Adds the problems not reported before to [`State::problems_found`],
    /// for the shell to report once.
    pub(super) fn remember_problems(&mut self, report: &Report) {
        let mut fresh = Report::default();
        for problem in report.problems() {
            let known =
                self.reported.problems().iter().any(|p| p.document == problem.document && p.what == problem.what);
            if !known {
                self.reported.add_many(problem.document, problem.what.clone(), problem.count);
                fresh.add_many(problem.document, problem.what.clone(), problem.count);
            }
        }
        if !fresh.is_empty() {
            self.problems_found.push(fresh);
            self.versions.problems += 1;
        }
    }
}
