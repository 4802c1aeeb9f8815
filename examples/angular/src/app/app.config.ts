import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';

// Zoneless (Angular 21's default): change detection follows signals, and `toSignal` turns the rxllm
// streams into signals. The models come from ./models.ts (injection tokens with a default).
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners()],
};
