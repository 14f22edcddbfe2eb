//! The element's methods (`refresh()`, `refreshCustomer()`), connected to
//! the running hooks while the app is mounted.

use crate::hooks::use_customer::CustomerCheck;
use crate::hooks::use_status_poll::PollControl;
use crate::host::{Commands, HostCommand};
use yew::prelude::*;

/// Routes the page's commands to the customer check and the poller;
/// disconnects on unmount, so a command after that reaches nothing.
#[hook]
pub fn use_host_commands(commands: &Commands, customer: &CustomerCheck, poll: &PollControl) {
    let (commands, customer, poll) = (commands.clone(), customer.clone(), poll.clone());
    use_effect_with((), move |_| {
        commands.connect(Callback::from(move |command| match command {
            HostCommand::RefreshCustomer => customer.run(),
            HostCommand::Refresh => poll.restart(),
        }));
        move || commands.disconnect()
    });
}
