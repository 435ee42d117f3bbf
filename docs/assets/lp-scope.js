/* Material for MkDocs' inline head script, moved to a file so that the Content-Security-Policy
   allows scripts from the site only. __md_scope is the site's root (Material sets it to the
   page's base URL): the folder above assets/, where this file is served from.
   The page's classes are set here, before its body exists, to what Material's bundle sets once
   the whole page is parsed ("js" for "no-js", and its focus-visible polyfill's class): changing
   a class of <html> then makes the browser restyle the whole page (Pagefind's stylesheet has
   selectors on the class attribute of any element). Scripts run, and the bundle is this site's. */
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
document.documentElement.classList.replace("no-js","js"),document.documentElement.classList.add("js-focus-visible");
