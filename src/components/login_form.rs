//! The optional login form (`login-form` attribute): posts
//! `customer/authenticate` on the custom domain, says plainly when the
//! password is wrong, and offers log out. The password is never stored.

use seatmap_core::CustomerState;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the form shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct LoginFormProps {
    /// Who is logged in.
    pub customer: CustomerState,
    /// A login is under way.
    pub logging_in: bool,
    /// Why the last login failed.
    pub error: Option<AttrValue>,
    /// Whether to greet the customer by name (`show-customer-name`); off by default.
    pub show_name: bool,
    /// Log in with an email address and a password.
    pub on_login: Callback<(String, String)>,
    /// Log out.
    pub on_logout: Callback<()>,
}

#[function_component(LoginForm)]
pub fn login_form(props: &LoginFormProps) -> Html {
    let email = use_node_ref();
    let password = use_node_ref();
    let busy = props.logging_in;
    match &props.customer {
        CustomerState::LoggedIn { name, .. } => {
            let on_logout = props.on_logout.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_logout.emit(()));
            let greeting = if props.show_name && !name.is_empty() {
                format!("Logged in as {name}.")
            } else {
                "You are logged in.".to_owned()
            };
            html! {
                <section class="seatmap-login" aria-label="Your account" data-testid="login">
                    <p data-testid="login-status">{ greeting }</p>
                    <button type="button" class="seatmap-link" {onclick} data-testid="logout">{"Log out"}</button>
                </section>
            }
        }
        _ => {
            let onsubmit = {
                let email = email.clone();
                let password = password.clone();
                let on_login = props.on_login.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let value = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
                    let pw = value(&password);
                    if let Some(input) = password.cast::<HtmlInputElement>() {
                        input.set_value("");
                    }
                    on_login.emit((value(&email).trim().to_owned(), pw));
                })
            };
            html! {
                <section class="seatmap-login" aria-label="Log in" data-testid="login">
                    <form {onsubmit}>
                        <p class="seatmap-hint">{"Members: log in to see seats held for you."}</p>
                        <label>{"Email"}<input ref={email} type="email" name="email" autocomplete="username" required=true data-testid="login-email" /></label>
                        <label>{"Password"}<input ref={password} type="password" name="password" autocomplete="current-password" required=true data-testid="login-password" /></label>
                        <button type="submit" part="button primary-button" class="seatmap-primary" disabled={busy} data-testid="login-submit">
                            { if busy { "Logging in…" } else { "Log in" } }
                        </button>
                        if let Some(error) = &props.error {
                            <p class="seatmap-error" role="alert" data-testid="login-error">{ error.clone() }</p>
                        }
                    </form>
                </section>
            }
        }
    }
}
