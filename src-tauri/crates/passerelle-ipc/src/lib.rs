//! Passerelle's Tauri commands, described from their own signatures so the UI's TypeScript
//! wrappers (`ui/src/bindings/commands.ts`) cannot drift from the Rust arguments and results.
//!
//! `#[passerelle_ipc::command]` stands in for `#[tauri::command]`: it emits the function with
//! `#[tauri::command]` and, for tests, a sibling `__ipc_sig_<name>` returning the
//! `crate::bindings::CommandSig` the bindings test writes out (that struct lives in the app
//! crate: a proc-macro crate exports nothing but macros). `signatures![paths]` turns the list of
//! registered commands into the list of those siblings. No Tauri or ts-rs code runs here: the
//! emitted code names `::tauri` and `::ts_rs`, resolved in the app crate.

use heck::ToLowerCamelCase;
use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{
    Error, Expr, FnArg, GenericArgument, ItemFn, Lit, Meta, Path, PathArguments, ReturnType, Token,
    Type, parse_macro_input,
};

/// Arguments Tauri fills in itself: the UI never sends them.
const INJECTED: &[&str] = &[
    "State",
    "AppHandle",
    "Window",
    "WebviewWindow",
    "Webview",
    "Request",
    "CommandScope",
    "GlobalScope",
];

/// A Tauri command that also describes itself for the TypeScript bindings. Takes no options:
/// arguments are camelCase (Tauri's default) and the doc comment is required, since its first
/// paragraph becomes the wrapper's doc.
#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        let msg = "passerelle_ipc::command takes no options (the bindings assume Tauri's defaults)";
        return Error::new(Span::call_site(), msg).to_compile_error().into();
    }
    let func = parse_macro_input!(item as ItemFn);
    // On a mistake the command is still emitted, so only the mistake is reported.
    let sig = signature(&func).unwrap_or_else(|err| err.to_compile_error());
    quote!(#[::tauri::command] #func #sig).into()
}

/// `signatures![a::b::cmd, …]` → `[a::b::__ipc_sig_cmd, …]`: the signature of each command in
/// a `generate_handler!`-style list.
#[proc_macro]
pub fn signatures(input: TokenStream) -> TokenStream {
    let paths =
        parse_macro_input!(input with Punctuated::<Path, Token![,]>::parse_terminated).into_iter();
    let sigs = paths.map(|mut path| {
        if let Some(last) = path.segments.last_mut() {
            last.ident = sig_ident(&last.ident);
        }
        path
    });
    quote!([#(#sigs),*]).into()
}

fn sig_ident(command: &syn::Ident) -> syn::Ident {
    format_ident!("__ipc_sig_{}", command)
}

/// The sibling function describing `func`.
fn signature(func: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let ident = &func.sig.ident;
    let name = ident.to_string();
    let function = name.to_lower_camel_case();
    let doc = first_paragraph(func)?;
    let mut args = Vec::new();
    for input in &func.sig.inputs {
        let FnArg::Typed(arg) = input else {
            return Err(Error::new_spanned(input, "a command takes no `self`"));
        };
        if last_segment(&arg.ty).is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str())) {
            continue;
        }
        let syn::Pat::Ident(pat) = &*arg.pat else {
            return Err(Error::new_spanned(
                &arg.pat,
                "name the argument: it is the IPC key",
            ));
        };
        // As Tauri does: the key is the Rust name in camelCase.
        let key = pat.ident.to_string().to_lower_camel_case();
        let ty = ts_name(&arg.ty);
        args.push(quote!((#key, #ty)));
    }
    let returns = match &func.sig.output {
        ReturnType::Default => quote!(::std::string::String::from("void")),
        ReturnType::Type(_, ty) => ts_name(ok_type(ty)),
    };
    let vis = &func.vis;
    let sig = sig_ident(ident);
    Ok(quote! {
        #[cfg(test)]
        #[doc(hidden)]
        #vis fn #sig(cfg: &::ts_rs::Config) -> crate::bindings::CommandSig {
            crate::bindings::CommandSig {
                name: #name,
                function: #function,
                args: ::std::vec![#(#args),*],
                returns: #returns,
                doc: #doc,
            }
        }
    })
}

/// The expression giving `ty`'s TypeScript name (`void` for `()`, `Channel<T>` for a channel).
fn ts_name(ty: &Type) -> proc_macro2::TokenStream {
    if matches!(ty, Type::Tuple(t) if t.elems.is_empty()) {
        return quote!(::std::string::String::from("void"));
    }
    if let Some(inner) = last_segment(ty).and_then(|s| single_type_arg(s, "Channel")) {
        let inner = ts_name(inner);
        return quote!(::std::format!("Channel<{}>", #inner));
    }
    quote!(<#ty as ::ts_rs::TS>::name(cfg))
}

/// `T` in `Result<T, E>`; any other type as is.
fn ok_type(ty: &Type) -> &Type {
    last_segment(ty)
        .and_then(|s| match &s.arguments {
            PathArguments::AngleBracketed(a) if s.ident == "Result" => a.args.first(),
            _ => None,
        })
        .and_then(|arg| match arg {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .unwrap_or(ty)
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

/// `T` when `segment` is `wanted<T>`.
fn single_type_arg<'a>(segment: &'a syn::PathSegment, wanted: &str) -> Option<&'a Type> {
    match &segment.arguments {
        PathArguments::AngleBracketed(a) if segment.ident == wanted && a.args.len() == 1 => {
            match a.args.first() {
                Some(GenericArgument::Type(t)) => Some(t),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The doc comment's first paragraph on one line, intra-doc link brackets removed.
fn first_paragraph(func: &ItemFn) -> syn::Result<String> {
    let mut lines = Vec::new();
    for attr in &func.attrs {
        let Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        if !nv.path.is_ident("doc") {
            continue;
        }
        if let Expr::Lit(lit) = &nv.value
            && let Lit::Str(s) = &lit.lit
        {
            lines.push(s.value());
        }
    }
    let paragraph = join_first_paragraph(&lines);
    if paragraph.is_empty() {
        let msg = "document the command: its first paragraph is the TypeScript doc";
        return Err(Error::new_spanned(&func.sig.ident, msg));
    }
    Ok(paragraph)
}

fn join_first_paragraph(lines: &[String]) -> String {
    let words: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .take_while(|l| !l.is_empty())
        .collect();
    words.join(" ").replace("[`", "`").replace("`]", "`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_doc_is_the_first_paragraph_on_one_line() {
        let lines = [
            " Restarts on the installed version (after [`update_install`],",
            " on a click).",
            "",
            " Details.",
        ];
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            join_first_paragraph(&lines),
            "Restarts on the installed version (after `update_install`, on a click)."
        );
    }

    #[test]
    fn result_gives_its_ok_type_and_channel_its_payload() {
        let ty: Type = syn::parse_quote!(Result<Vec<Account>, IpcError>);
        let ok = ok_type(&ty);
        assert_eq!(quote!(#ok).to_string(), "Vec < Account >");
        let ty: Type = syn::parse_quote!(tauri::ipc::Channel<UpdateEvent>);
        let name = ts_name(&ty).to_string();
        assert!(
            name.contains("Channel<{}>") && name.contains("UpdateEvent"),
            "{name}"
        );
        let unit: Type = syn::parse_quote!(());
        assert!(ts_name(&unit).to_string().contains("\"void\""));
    }
}
